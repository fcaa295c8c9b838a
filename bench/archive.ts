/**
 * A year of archive for the bench: `count` decided comments over `articles` articles, spread over
 * the last 365 days, written by PostgreSQL itself (generate_series) in seconds rather than through
 * the API in hours. Authors, clients and texts repeat as on a real site. The secondary indexes are
 * dropped for the fill and built again after (a sorted build beats a million scattered inserts),
 * and nothing is analysed: what the planner knows of it afterwards is what autovacuum found out.
 */
import { Client } from 'pg';
import { SESSION_OPTIONS } from '../src/db/pool';

export async function buildArchive(databaseUrl: string, count: number, articles: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, options: SESSION_OPTIONS });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = 'comments' AND indexname <> 'comments_pkey'`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    // Approved, each a minute after it was posted, but for the last 30 days' 10 % spam and 5 %
    // rejected, and IP hashes only on those 30 days: the retention purge has removed the rest
    // (RETENTION_DAYS), and its worker must find nothing to do during the bench.
    await client.query(
      `INSERT INTO comments (id, article_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash,
                             status, decided_by, decided_at, created_at)
       SELECT (lpad(to_hex(i), 12, '0') || substr(md5(i::text), 1, 20))::uuid, 'archive-' || (i % $2), 'Reader ' || (i % 50000),
              '\\x00'::bytea, sha256(int8send(i % 50000)),
              CASE WHEN t.at > now() - interval '30 days' THEN sha256(int8send(i % 20000 + 1000000)) END,
              'Archived comment number ' || i || ' on a story from the past year.', sha256(int8send(i)),
              CASE WHEN t.at <= now() - interval '30 days' OR i % 20 < 17 THEN 'approved' WHEN i % 20 < 19 THEN 'spam' ELSE 'rejected' END,
              'auto', t.at + interval '1 minute', t.at
       FROM generate_series(1, $1::int) AS i
       CROSS JOIN LATERAL (SELECT now() - interval '365 days' + (i::float8 / $1) * interval '365 days' - interval '1 hour' AS at) t`,
      [count, articles],
    );
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of indexes) await client.query(index.definition);
  } finally {
    await client.end();
  }
}
