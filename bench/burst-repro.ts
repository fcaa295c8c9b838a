/**
 * Issue 15's scenario alone, for direction while changing the worker: a new site whose first 50
 * comments (one author, one client, one text: an editor's tests) were decided and analysed, then
 * BURST pending comments over 20 articles with no ANALYZE, drained by one worker. Prints the
 * decisions per second, by PostgreSQL's clock, or how many were decided when it gave up (4 min).
 *
 *   npm run build && node dist/bench/burst-repro.js [BURST=20000]
 */
import os from 'node:os';
import { Client } from 'pg';
import { countPending, enqueueBacklog, insertComments } from './backlog';
import { waitUntil } from './drain';
import { createBenchEnvironment, startNode, type Proc } from './stack';

async function main(): Promise<void> {
  const burst = Number(process.argv[2] ?? 20_000);
  const env = await createBenchEnvironment(`repro${Date.now().toString(36)}`);
  let worker: Proc | undefined;
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    await insertComments(env.databaseUrl, () => 'repro-seed', 50, 'approved');
    await db.query(`UPDATE comments SET author_email_hash = '\\x01', ip_hash = '\\x02', body_hash = '\\x03'`);
    await db.query('ANALYZE comments');
    worker = startNode('worker', 'dist/worker/main.js', env.env());
    await worker.waitForLine(/Sift worker started/);
    const ids = await insertComments(env.databaseUrl, (n) => `repro-burst-${n % 20}`, burst, 'pending');
    let start: Date | undefined;
    await enqueueBacklog(env.redisUrl, env.queuePrefix, ids, async () => {
      start = (await db.query<{ at: Date }>('SELECT clock_timestamp() AS at')).rows[0].at;
    });
    const giveUpAt = Date.now() + 240_000;
    await waitUntil(async () => (await countPending(db, ids)) === 0 || Date.now() > giveUpAt, 300_000, 500);
    const {
      rows: [r],
    } = await db.query<{ decided: number; seconds: number }>(
      `SELECT count(*) FILTER (WHERE decided_at IS NOT NULL)::int AS decided,
              extract(epoch FROM max(decided_at) - $2::timestamptz)::float8 AS seconds
       FROM comments WHERE id = ANY($1::uuid[])`,
      [ids, start],
    );
    console.log(
      JSON.stringify({
        burst,
        decided: r.decided,
        seconds: Math.round(r.seconds * 10) / 10,
        perSecond: Math.round(r.decided / r.seconds),
        loadAverage: os.loadavg()[0],
      }),
    );
  } finally {
    await db.end();
    await worker?.stop();
    await env.dispose();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
