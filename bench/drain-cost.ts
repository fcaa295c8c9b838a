/**
 * Where a decision's CPU goes: worker processes, PostgreSQL and Redis, while a backlog drains.
 * node dist/bench/drain-cost.js [workers=1] [rounds=2]  (BENCH_BACKLOG, default 20,000; WORKER_CONCURRENCY
 * from the environment; BENCH_PREFILL=n puts n approved comments in the table first, as the full bench's
 * POST phases do). Counts every `postgres` and `redis-server`
 * process on the machine, so on a shared machine their figures are upper bounds. An untimed warm-up
 * drain of half the backlog comes first, as in bench/run.ts. Prints one line a round and writes
 * bench/results/<date>-drain-cost.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { insertComments } from './backlog';
import { drain } from './drain';
import { cpuOfGroups, createBenchEnvironment, pidsNamed, ROOT, startNode, type Proc } from './stack';

const WORKERS = Number(process.argv[2] ?? 1);
const ROUNDS = Number(process.argv[3] ?? 2);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const PREFILL = Number(process.env.BENCH_PREFILL ?? 0);
const PASSED_ON = ['WORKER_CONCURRENCY', 'DB_POOL_MAX'];

async function main(): Promise<void> {
  const env = await createBenchEnvironment(`drain${Date.now()}`);
  const settings = Object.fromEntries(PASSED_ON.filter((key) => process.env[key]).map((key) => [key, process.env[key]!]));
  const workers: Proc[] = [];
  const rounds: object[] = [];
  const db = new Client({ connectionString: env.databaseUrl });
  try {
    for (let i = 0; i < WORKERS; i++) {
      const worker = startNode(`worker-${i + 1}`, 'dist/worker/main.js', env.env(settings));
      workers.push(worker);
      await worker.waitForLine(/Sift worker started/);
    }
    await db.connect();
    if (PREFILL > 0) await insertComments(env.databaseUrl, (n) => `prefill-${n % 100}`, PREFILL, 'approved');
    await drain(env, db, 'warm-up-', BACKLOG / 2);
    for (let round = 1; round <= ROUNDS; round++) {
      // Backends come and go; those alive at the start are the pool the workers use.
      const cpu = cpuOfGroups({
        worker: workers.map((w) => w.child.pid!),
        postgres: pidsNamed('postgres'),
        redis: pidsNamed('redis-server'),
      });
      const seconds = await drain(env, db, `round-${round}-`, BACKLOG);
      const spent = cpu.done();
      const usPerDecision = Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, Math.round((ms * 1000) / BACKLOG)]));
      const cores = Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, Math.round(ms / 10 / seconds) / 100]));
      const perSecond = Math.round(BACKLOG / seconds);
      const total = Object.values(usPerDecision).reduce((a, b) => a + b, 0);
      console.log(
        `round ${round}: ${perSecond} decisions/s; CPU µs a decision: worker ${usPerDecision.worker}, PostgreSQL ${usPerDecision.postgres}, Redis ${usPerDecision.redis}, in all ${total}; cores: ${JSON.stringify(cores)}`,
      );
      rounds.push({ round, perSecond, usPerDecision, totalUsPerDecision: total, cores });
    }
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all(workers.map((w) => w.stop()));
    await env.dispose();
  }
  const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-drain-cost.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), workers: WORKERS, backlog: BACKLOG, prefill: PREFILL, settings, rounds }, null, 2)}\n`,
  );
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
