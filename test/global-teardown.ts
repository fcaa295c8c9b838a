import { Client } from 'pg';
import { Redis } from 'ioredis';

/** Drops this run's databases and deletes this run's Redis keys; nothing else is touched. */
export default async function globalTeardown(): Promise<void> {
  const databaseUrl = process.env.SIFT_TEST_DATABASE_URL;
  const runId = process.env.SIFT_TEST_RUN_ID;
  if (databaseUrl && !process.env.SIFT_TEST_KEEP_DB) {
    const template = new URL(databaseUrl).pathname.slice(1);
    const client = new Client({ connectionString: process.env.SIFT_TEST_POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `${template}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  if (runId && process.env.SIFT_TEST_REDIS_URL) {
    const redis = new Redis(process.env.SIFT_TEST_REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `t-${runId}-*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
