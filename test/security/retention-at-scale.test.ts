import { Client } from 'pg';
import { createDb, SESSION_OPTIONS, type Db } from '../../src/db/pool';
import { createLogger } from '../../src/logger';
import { purgeExpired } from '../../src/privacy/retention';
import { insertBulkComments, withIndexesRebuilt } from '../helpers/bulk-comments';
import { createTestDatabase, dropTestDatabase } from '../helpers/test-stack';

describe('Retention purge on a large table', () => {
  jest.setTimeout(180_000);
  let url: string;
  let client: Client;
  let db: Db;
  beforeAll(async () => {
    url = await createTestDatabase();
    client = new Client({ connectionString: url, options: SESSION_OPTIONS });
    await client.connect();
    await withIndexesRebuilt(client, async () => {
      // Archived long ago: their IP hashes were cleared by earlier purges.
      await insertBulkComments(client, {
        count: 400_000,
        articles: 1_000,
        status: 'approved',
        ageSeconds: 300 * 86_400,
        articlePrefix: 'archive-',
        ipHash: false,
      });
      await insertBulkComments(client, { count: 2_500, articles: 50, status: 'spam', ageSeconds: 86_400, articlePrefix: 'spam-' });
    });
    // The spam is 40 days old; a reply quotes each of a thousand of them, and each has its idempotency key.
    await client.query(`UPDATE comments SET created_at = created_at - interval '40 days', decided_at = decided_at - interval '40 days'
                        WHERE status = 'spam'`);
    await client.query(`WITH spam AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM comments WHERE status = 'spam'),
                             replies AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM comments
                                         WHERE status = 'approved' ORDER BY id LIMIT 1000)
                        UPDATE comments c SET parent_id = spam.id FROM replies JOIN spam USING (n) WHERE c.id = replies.id`);
    await client.query(`INSERT INTO idempotency_keys (key, request_hash, comment_id, response)
                        SELECT 'key-' || id, '\\x00', id, '{}' FROM comments WHERE status = 'spam'`);
    await client.query('ANALYZE');
    // The production pool, with the production statement timeout (DB_STATEMENT_TIMEOUT_MS' default).
    db = createDb(
      { connectionString: url, max: 2, statementTimeoutMs: 5000, connectTimeoutMs: 2000, applicationName: 'test' },
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await db?.close();
    await client?.end();
    if (url) await dropTestDatabase(url);
  });

  test('When 2,500 expired spam comments sit among 400,000, then the purge deletes them all within the statement timeout, their replies stay and their keys go', async () => {
    const result = await purgeExpired({ db, logger: createLogger('silent'), days: 30 });

    expect(result.deletedComments).toBe(2_500);
    const { rows } = await client.query(`SELECT
        (SELECT count(*)::int FROM comments WHERE status = 'spam') AS spam,
        (SELECT count(*)::int FROM comments WHERE status = 'approved') AS approved,
        (SELECT count(*)::int FROM comments WHERE parent_id IS NOT NULL) AS replies_still_pointing,
        (SELECT count(*)::int FROM idempotency_keys) AS keys`);
    expect(rows[0]).toEqual({ spam: 0, approved: 400_000, replies_still_pointing: 0, keys: 0 });
  });
});
