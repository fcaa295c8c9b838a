/**
 * The real processes the bench measures: compiled API and worker processes, a fresh database made
 * by the migration runner, and a queue prefix of its own on the shared Redis (only its keys are
 * ever deleted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
import { freePort, waitForHttp } from '../tools/net';

export { freePort, waitForHttp };

export const ROOT = path.resolve(__dirname, '../..');
export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
export const SECRET_KEY = 'b3'.repeat(32);

export interface Proc {
  name: string;
  child: ChildProcess;
  port: number | null;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU time used so far (user + system), in ms. */
  cpuMs(): number;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves once `path` answers 2xx; fails with the process's output otherwise. */
  ready(path: string): Promise<void>;
  stop(): Promise<void>;
}

export function peakRssMiB(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** A process's CPU time so far (utime + stime from /proc/<pid>/stat), in ms. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/** The pids of every process of that name (its `comm`), e.g. all of PostgreSQL's backends. */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * CPU milliseconds spent by groups of processes from now until `done()`: the API, the worker, and
 * every PostgreSQL and Redis process on the machine (upper bounds on a shared machine; backends
 * started meanwhile are not counted).
 */
export function cpuOfGroups(groups: Record<string, number[]>): { done(): Record<string, number> } {
  const read = () => Object.fromEntries(Object.entries(groups).map(([k, pids]) => [k, pids.reduce((sum, pid) => sum + cpuMs(pid), 0)]));
  const before = read();
  return {
    done() {
      const after = read();
      return Object.fromEntries(Object.keys(groups).map((k) => [k, after[k] - before[k]]));
    },
  };
}

export function startNode(name: string, script: string, env: Record<string, string>, port: number | null = null): Proc {
  // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every process of the run.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...env,
      ...(port === null ? {} : { PORT: String(port) }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    port,
    peakRssMiB: () => peakRssMiB(child.pid),
    cpuMs: () => cpuMs(child.pid),
    waitForLine(pattern, timeoutMs = 30_000) {
      if (pattern.test(output)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
        child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
      });
    },
    async ready(urlPath) {
      try {
        await waitForHttp(`http://127.0.0.1:${port}${urlPath}`);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}\n${output}`, { cause: error });
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

export interface BenchEnvironment {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  env(extra?: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

/** A fresh database `sift_bench_<ts>` migrated by src/db/migrate.ts, and a unique queue prefix. */
export async function createBenchEnvironment(stamp: string): Promise<BenchEnvironment> {
  const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const name = `sift_bench_${stamp}`;
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await migrate(databaseUrl);
  const queuePrefix = `bench-${stamp}`;
  return {
    databaseUrl,
    redisUrl,
    queuePrefix,
    env: (extra = {}) => ({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      // The target rows measure intake itself; the posting limits' cost is a row of its own (bench/run.ts).
      RATE_LIMIT: 'off',
      READ_RATE_LIMIT: 'off',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'info',
      SECRET_KEY,
      ADMIN_API_KEY: ADMIN_KEY,
      // The backlog phases leave rows pending on purpose until their jobs are added.
      SWEEP_AFTER_SECONDS: '120',
      // Surge protection would put the bench's busy articles into pre-moderation (held, not
      // approved): right for a newsroom, but here it would hide the pipeline's own speed.
      SURGE_COMMENTS: 'off',
      // To compare the worker's priority (WORKER_NICE=0 npm run bench); otherwise the shipped default.
      ...(process.env.WORKER_NICE ? { WORKER_NICE: process.env.WORKER_NICE } : {}),
      ...extra,
    }),
    async dispose() {
      const admin = new Client({ connectionString: postgres });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      await deletePrefix(redisUrl, queuePrefix);
    },
  };
}

/** Deletes only this run's keys (SCAN by prefix), never anything else on the shared Redis. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
