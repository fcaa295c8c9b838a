import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './net';

export { freePort };

/**
 * Throwaway PostgreSQL clusters and redis-servers (alone, as a Cluster, or behind a Sentinel) on
 * free ports, for the fault and scaling tests (test/faults, test/scaling) and the soak
 * (bench/soak.ts). They may be stopped, killed and wiped at will; the machine's shared services on
 * 5432/6379 are never touched.
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
  const ping = () => answers(url);
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
      if (current) await stopChild(current);
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

export interface LocalRedisCluster {
  /** Seed nodes, as REDIS_CLUSTER_NODES takes them. */
  nodes: string;
  stop(): Promise<void>;
}

/** Three masters (no replicas) on free ports, slots assigned by redis-cli, ready when every node says ok. */
export async function startLocalRedisCluster(): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-redis-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '5000',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await until(() => answers(`redis://127.0.0.1:${port}`), 10_000, `redis-server on ${port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 30_000 },
    );
    const clusterOk = async () => {
      const states = await Promise.all(
        ports.map((port) =>
          run('redis-cli', ['-p', String(port), 'cluster', 'info']).then(
            (r) => r.stdout,
            () => '',
          ),
        ),
      );
      return states.every((state) => state.includes('cluster_state:ok'));
    };
    await until(clusterOk, 20_000, 'the cluster to be ok');
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), stop };
}

export interface LocalRedisSentinel {
  /** As REDIS_SENTINELS takes them, and the master's name for REDIS_SENTINEL_NAME. */
  sentinels: string;
  name: string;
  stop(): Promise<void>;
}

/** A master and one Sentinel watching it (quorum 1). */
export async function startLocalRedisSentinel(): Promise<LocalRedisSentinel> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-redis-sentinel-'));
  const master = await startLocalRedis();
  const port = await freePort();
  const name = 'sift-master';
  const config = path.join(dir, 'sentinel.conf');
  writeFileSync(config, `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor ${name} 127.0.0.1 ${master.port} 1\n`);
  const sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
  const stop = async () => {
    await stopChild(sentinel);
    await master.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const knowsMaster = async () => {
      const reply = await run('redis-cli', ['-p', String(port), 'sentinel', 'get-master-addr-by-name', name]).then(
        (r) => r.stdout,
        () => '',
      );
      return reply.includes(String(master.port));
    };
    await until(knowsMaster, 10_000, 'the sentinel to know its master');
  } catch (error) {
    await stop();
    throw error;
  }
  return { sentinels: `127.0.0.1:${port}`, name, stop };
}

async function answers(url: string): Promise<boolean> {
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
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
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
  const { dir, data, port } = await clusterFolder();
  const [initdb, initArgs] = asClusterUser(postgresBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  await run(initdb, initArgs, { timeout: 120_000 });
  return startCluster(dir, data, port);
}

/**
 * A streaming replica of `primary` (pg_basebackup -R), hot standby on its own port: what
 * DATABASE_READ_URL points at. `SELECT pg_wal_replay_pause()` on it makes it lag at will.
 */
export async function startLocalPostgresReplica(primary: LocalPostgres): Promise<LocalPostgres> {
  const { dir, data, port } = await clusterFolder();
  const [basebackup, args] = asClusterUser(postgresBin('pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '--no-sync',
  ]);
  await run(basebackup, args, { timeout: 120_000 });
  return startCluster(dir, data, port);
}

/** A temporary folder the cluster user owns, and a free port. */
async function clusterFolder(): Promise<{ dir: string; data: string; port: number }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return { dir, data: path.join(dir, 'data'), port };
}

async function startCluster(dir: string, data: string, port: number): Promise<LocalPostgres> {
  const pgCtl = (...args: string[]) => {
    const [command, full] = asClusterUser(postgresBin('pg_ctl'), ['-D', data, ...args]);
    return run(command, full, { timeout: 60_000 });
  };
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
