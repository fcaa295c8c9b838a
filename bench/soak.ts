/**
 * npm run soak [-- --quick | --seconds=N]: concurrent posting and reading against 2 API and 2 worker
 * processes (compiled, from dist/) on a fresh PostgreSQL database and a private redis-server, with
 * the Redis server killed and restarted empty halfway through. Then it waits for the queue to drain
 * and checks: every 202 is a row, no row is left pending, no comment was decided twice by the
 * workers, and no request got a 5xx (or no answer). Exit 1 on any violation.
 *
 * Settings: SOAK_SECONDS (default 180; --quick: 30), SOAK_POSTERS (12), SOAK_READERS (4),
 * SOAK_POSTGRES_URL (the server to create the throwaway database on; default the local one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
import { freePort, startLocalRedis, type LocalRedis } from '../tools/local-services';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const secondsArg = args.find((a) => a.startsWith('--seconds='))?.split('=')[1];
const SECONDS = Number(secondsArg ?? process.env.SOAK_SECONDS ?? (args.includes('--quick') ? 30 : 180));
const POSTERS = Number(process.env.SOAK_POSTERS ?? 12);
const READERS = Number(process.env.SOAK_READERS ?? 4);
const ARTICLES = Array.from({ length: 20 }, (_, i) => `soak-article-${i}`);
const ADMIN_KEY = randomBytes(16).toString('hex');

interface Proc {
  name: string;
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

function startNode(name: string, script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { name, child, output: '', exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  const keep = (chunk: Buffer) => {
    proc.output = (proc.output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return proc;
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tally {
  posts: number;
  accepted: Set<string>;
  postStatuses: Map<number, number>;
  reads: number;
  readStatuses: Map<number, number>;
  serverErrors: number;
  noAnswer: number;
  postLatencies: number[];
}

const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

async function poster(apis: string[], tally: Tally, until: number, n: number): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    const api = apis[(n + i) % apis.length];
    const article = ARTICLES[(n * 7 + i) % ARTICLES.length];
    const tag = randomBytes(4).toString('hex');
    const started = performance.now();
    tally.posts += 1;
    try {
      const response = await fetch(`${api}/v1/articles/${article}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          authorName: `Soak reader ${n}`,
          authorEmail: `soak.${n}.${tag}@example.org`,
          body: `Comment ${i} from poster ${n} on ${article}: the council should publish the audit (${tag}).`,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      bump(tally.postStatuses, response.status);
      if (response.status >= 500) tally.serverErrors += 1;
      const body = (await response.json()) as { id?: string };
      if (response.status === 202 && body.id) tally.accepted.add(body.id);
      tally.postLatencies.push(performance.now() - started);
    } catch {
      tally.noAnswer += 1;
    }
  }
}

async function reader(apis: string[], tally: Tally, until: number, n: number): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    const api = apis[(n + i) % apis.length];
    tally.reads += 1;
    try {
      const response = await fetch(`${api}/v1/articles/${ARTICLES[i % ARTICLES.length]}/comments?limit=50`, {
        signal: AbortSignal.timeout(15_000),
      });
      bump(tally.readStatuses, response.status);
      if (response.status >= 500) tally.serverErrors += 1;
      await response.arrayBuffer();
    } catch {
      tally.noAnswer += 1;
    }
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
};

async function main(): Promise<void> {
  const baseUrl = new URL(process.env.SOAK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const databaseUrl = new URL(baseUrl);
  databaseUrl.pathname = `/sift_soak_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const procs: Proc[] = [];
  let redis: LocalRedis | null = null;
  let exitCode = 1;
  try {
    console.log(`soak: ${SECONDS} s, ${POSTERS} posters, ${READERS} readers, 2 APIs, 2 workers`);
    await migrate(databaseUrl.toString());
    redis = await startLocalRedis();
    const env = {
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'soak',
      SECRET_KEY: randomBytes(32).toString('hex'),
      ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT: 'off',
      READ_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      WORKER_CONCURRENCY: '8',
    };
    const apis: string[] = [];
    for (const n of [1, 2]) {
      const port = await freePort();
      procs.push(startNode(`api-${n}`, 'dist/src/server.js', { ...env, PORT: String(port) }));
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (const n of [1, 2]) procs.push(startNode(`worker-${n}`, 'dist/worker/main.js', env));
    for (const api of apis) await waitUntil(async () => (await fetch(`${api}/readyz`)).ok, 30_000, `${api}/readyz`);

    const tally: Tally = {
      posts: 0,
      accepted: new Set(),
      postStatuses: new Map(),
      reads: 0,
      readStatuses: new Map(),
      serverErrors: 0,
      noAnswer: 0,
      postLatencies: [],
    };
    const started = Date.now();
    const until = started + SECONDS * 1000;
    const load = Promise.all([
      ...Array.from({ length: POSTERS }, (_, n) => poster(apis, tally, until, n)),
      ...Array.from({ length: READERS }, (_, n) => reader(apis, tally, until, n)),
    ]);
    await sleep((SECONDS * 1000) / 2);
    console.log(`soak: ${Math.round((Date.now() - started) / 1000)} s in, killing Redis (no persistence) and restarting it in 3 s`);
    await redis.kill();
    await sleep(3000);
    await redis.start();
    await load;
    const elapsed = (Date.now() - started) / 1000;

    const db = new Client({ connectionString: databaseUrl.toString() });
    await db.connect();
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
    const drainStarted = Date.now();
    await waitUntil(
      async () => (await count(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending'`)) === 0,
      180_000,
      'the queue to drain',
    ).catch(() => undefined);
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const rows = await count('SELECT count(*)::int AS n FROM comments');
    const pending = await count(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending'`);
    const duplicates = await count(
      `SELECT count(*)::int AS n FROM (SELECT comment_id FROM moderation_events WHERE actor = 'auto' GROUP BY comment_id HAVING count(*) > 1) d`,
    );
    const byStatus = (
      await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM comments GROUP BY status ORDER BY status')
    ).rows;
    const ids = new Set((await db.query<{ id: string }>('SELECT id FROM comments')).rows.map((r) => r.id));
    await db.end();
    const missing = [...tally.accepted].filter((id) => !ids.has(id)).length;

    const figures = {
      seconds: Math.round(elapsed),
      postsSent: tally.posts,
      accepted202: tally.accepted.size,
      rowsInPostgres: rows,
      acceptedButMissing: missing,
      pendingAfterDrain: pending,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      duplicateAutoDecisions: duplicates,
      serverErrors5xx: tally.serverErrors,
      requestsWithoutAnswer: tally.noAnswer,
      reads: tally.reads,
      postsPerSecond: Math.round(tally.posts / elapsed),
      postP50Ms: Math.round(percentile(tally.postLatencies, 50)),
      postP99Ms: Math.round(percentile(tally.postLatencies, 99)),
      postStatuses: Object.fromEntries(tally.postStatuses),
      readStatuses: Object.fromEntries(tally.readStatuses),
      decided: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    };
    console.log('\nsoak figures');
    for (const [key, value] of Object.entries(figures))
      console.log(`  ${key.padEnd(24)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);

    const violations = [
      rows !== tally.accepted.size && `rows in PostgreSQL (${rows}) != 202s (${tally.accepted.size})`,
      missing > 0 && `${missing} acknowledged comments are missing`,
      pending > 0 && `${pending} comments still pending after draining`,
      duplicates > 0 && `${duplicates} comments decided more than once`,
      tally.serverErrors > 0 && `${tally.serverErrors} responses were 5xx`,
      tally.noAnswer > 0 && `${tally.noAnswer} requests got no answer`,
    ].filter(Boolean);
    if (violations.length) {
      console.log(`\nFAIL\n  ${violations.join('\n  ')}`);
    } else {
      console.log('\nPASS: zero lost, zero left pending, zero decided twice, zero 5xx');
      exitCode = 0;
    }
  } finally {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
    await Promise.race([Promise.all(procs.map((p) => p.exited)), sleep(15_000)]);
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    if (exitCode !== 0) for (const proc of procs) console.log(`--- ${proc.name} (last output)\n${proc.output.slice(-3000)}`);
    await redis?.kill();
    const admin = new Client({ connectionString: baseUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
  process.exit(exitCode);
}

main().catch((error: Error) => {
  console.error(`soak failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
