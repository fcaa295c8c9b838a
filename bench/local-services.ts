import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './net';

export { freePort };

/**
 * Throwaway PostgreSQL clusters and redis-servers on free ports, for the fault tests (test/faults)
 * and the soak (bench/soak.ts). They may be stopped, killed and wiped at will; the machine's shared
 * services on 5432/6379 are never touched.
 */

const run = promisify(execFile);

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface LocalRedis {
  port: number;
  url: string;
  /** Starts redis-server (again) on the same port, empty: no persistence. */
  start(): Promise<void>;
  /** SIGKILL: everything in memory is gone. */
  kill(): Promise<void>;
  flushAll(): Promise<void>;
}

export async function startLocalRedis(): Promise<LocalRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const redis: LocalRedis = {
    port,
    url,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
        { stdio: 'ignore' },
      );
      await until(ping, 10_000, `redis-server on ${port}`);
    },
    async kill() {
      const current = child;
      child = null;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGKILL');
      await exited;
    },
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
  };
  await redis.start();
  return redis;
}

export interface LocalPostgres {
  port: number;
  /** Connection string for database `name` (default `postgres`). */
  url(name?: string): string;
  start(): Promise<void>;
  /**
   * pg_ctl stop -m immediate: like a crash, every connection cut. Synchronous commits (every 202) are
   * kept; the worker's decisions commit asynchronously and the last few may be lost, then made again.
   */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

function postgresBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', tool);
    if (existsSync(candidate)) return candidate;
  }
  return tool;
}

/** initdb refuses root: as root, run the cluster as the `postgres` system user. */
function asClusterUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startLocalPostgres(): Promise<LocalPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCtl = (...args: string[]) => {
    const [command, full] = asClusterUser(postgresBin('pg_ctl'), ['-D', data, ...args]);
    return run(command, full, { timeout: 60_000 });
  };
  const [initdb, initArgs] = asClusterUser(postgresBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  await run(initdb, initArgs, { timeout: 120_000 });
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const pg: LocalPostgres = {
    port,
    url: (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async start() {
      await pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start');
    },
    async stop() {
      await pgCtl('-m', 'immediate', '-w', 'stop');
    },
    async destroy() {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
