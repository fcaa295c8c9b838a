import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { migrate } from '../src/db/migrate';

/**
 * A template database per test run, built by the production migration runner on the local
 * PostgreSQL. Test stacks clone it and use their own queue prefix, so test files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const baseUrl = process.env.SIFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.SIFT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  await assertPostgres(baseUrl);
  await assertRedis(redisUrl);

  // Migrated once; every test stack clones it (CREATE DATABASE … TEMPLATE), so each has its own data.
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(baseUrl);
  url.pathname = `/sift_test_${runId}`;
  await migrate(url.toString());

  process.env.SIFT_TEST_POSTGRES_URL = baseUrl;
  process.env.SIFT_TEST_DATABASE_URL = url.toString();
  process.env.SIFT_TEST_REDIS_URL = redisUrl;
  process.env.SIFT_TEST_RUN_ID = runId;
}

async function assertPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${url}: ${(error as Error).message}. Start it (see .ci/run).`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function assertRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Tests need Redis at ${url}: ${(error as Error).message}. Start it (see .ci/run).`, { cause: error });
  } finally {
    redis.disconnect();
  }
}
