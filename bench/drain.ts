/**
 * A backlog drained through the running workers, timed by PostgreSQL's clock (bench/run.ts phase 4,
 * bench/drain-cost.ts), and `settle`, which lets PostgreSQL finish one phase's work before the next.
 */
import { Client } from 'pg';
import { countPending, enqueueBacklog, insertComments } from './backlog';
import type { BenchEnvironment } from './stack';

/**
 * Lets PostgreSQL settle (the previous phase's vacuum and checkpoint are not this drain's work, as
 * for each HTTP load), inserts `count` pending comments over 200 articles named `<prefix><n>` and,
 * with no VACUUM or ANALYZE between (a site gets none between a burst and its drain), queues
 * their jobs on the paused queue, and answers the seconds from resuming it to the last decision, both
 * by PostgreSQL's clock. The poll for the end is cheap: the jobs run about in the order they were
 * added, so it counts the last 1,000 ids still pending (an index-only scan, 4-6 ms in the full bench)
 * and counts all 20,000 only once those are decided. Counting all 20,000 at every poll took 24-33 ms
 * of PostgreSQL and bench CPU; counting the pending ones by article, cheap on the pending index of a
 * small table, became a parallel sequential scan (66-83 ms a poll) once the table grew: either took a
 * good part of a core from the drain it measured.
 */
export async function drain(env: BenchEnvironment, db: Client, articlePrefix: string, count: number): Promise<number> {
  await settle(env.databaseUrl);
  const ids = await insertComments(env.databaseUrl, (n) => `${articlePrefix}${n % 200}`, count, 'pending');
  let start: Date | undefined;
  await enqueueBacklog(env.redisUrl, env.queuePrefix, ids, async () => {
    start = (await db.query<{ at: Date }>('SELECT clock_timestamp() AS at')).rows[0].at;
  });
  const last = ids.slice(-1000);
  await waitUntil(async () => (await countPending(db, last)) === 0 && (await countPending(db, ids)) === 0, 600_000, 100);
  const {
    rows: [seconds],
  } = await db.query<{ s: number }>(
    'SELECT extract(epoch FROM max(decided_at) - $2::timestamptz)::float8 AS s FROM comments WHERE id = ANY($1::uuid[])',
    [ids, start],
  );
  return seconds.s;
}

/**
 * Lets PostgreSQL finish what a phase left it (autovacuum of ~15,000 new or 20,000 decided rows, a
 * checkpoint) before the next measurement: on two cores that work would otherwise land inside it (before this,
 * the GET ratio was seen at 0.43x to 1.09x of the ceiling in back-to-back runs).
 */
export async function settle(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('VACUUM (ANALYZE) comments');
    await db.query('CHECKPOINT');
  } finally {
    await db.end();
  }
}

export async function waitUntil(done: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
