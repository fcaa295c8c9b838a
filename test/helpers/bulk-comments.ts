import type { Client } from 'pg';

export interface BulkComments {
  count: number;
  articles: number;
  status: 'pending' | 'approved' | 'spam' | 'rejected';
  /** Spread evenly over this many seconds before now (decided when they were posted). */
  ageSeconds: number;
  /** Every comment by one author, from one client, with one text (the worst statistics). */
  sameEverything?: boolean;
  articlePrefix?: string;
  /** Keep a client IP hash (retention clears those of comments older than RETENTION_DAYS). */
  ipHash?: boolean;
}

/**
 * Many comments at once, in PostgreSQL itself (generate_series): authors, clients and texts repeat
 * as on a real site (regulars, shared NATs, copied texts) unless `sameEverything`. Ids ascend, so
 * the primary key takes them in order. For a large count, use withIndexesRebuilt around it.
 */
export async function insertBulkComments(client: Client, o: BulkComments): Promise<void> {
  const k = (modulo: string) => (o.sameEverything ? '0' : `i % ${modulo}`);
  await client.query(
    `INSERT INTO comments (id, article_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash,
                           status, decided_by, decided_at, created_at)
     SELECT (lpad(to_hex(i), 12, '0') || substr(md5(random()::text), 1, 20))::uuid,
            $5 || (i % $2), 'Reader', '\\x00'::bytea,
            int8send((${k('50000')})::int8), CASE WHEN $6 THEN int8send((${k('20000')})::int8 + 1000000) END,
            'comment ' || i, int8send((${k('700000')})::int8 + 2000000),
            $3, CASE WHEN $3 = 'pending' THEN NULL ELSE 'auto' END,
            CASE WHEN $3 = 'pending' THEN NULL ELSE now() - ($1 - i) / $1::float8 * $4 * interval '1 second' END,
            now() - ($1 - i) / $1::float8 * $4 * interval '1 second'
     FROM generate_series(1, $1::int) AS i`,
    [o.count, o.articles, o.status, o.ageSeconds, o.articlePrefix ?? 'bulk-article-', o.ipHash ?? true],
  );
}

/**
 * Runs `fill` with the secondary indexes of `comments` dropped, then builds them again: a sorted
 * build is several times faster than a million scattered index inserts.
 */
export async function withIndexesRebuilt(client: Client, fill: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'comments' AND indexname <> 'comments_pkey'`,
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.name}"`);
  await fill();
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const index of rows) await client.query(index.definition);
  await client.query('RESET maintenance_work_mem');
}
