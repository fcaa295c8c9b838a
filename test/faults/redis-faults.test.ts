import request from 'supertest';
import { startLocalRedis, type LocalRedis } from '../../tools/local-services';
import { buildComment, randomArticleId } from '../helpers/factories';
import { createTestDatabase, dropTestDatabase } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { autoDecisionsPerComment, startFaultStack, waitAllDecided, type FaultStack } from './fault-stack';

/** A private redis-server, a fresh database and a fault stack on both, for the enclosing describe. */
function onLocalRedis(env: Record<string, string> = {}, options: { worker?: boolean } = {}) {
  // Filled in by beforeAll, read by the tests.
  const local = {} as { redis: LocalRedis; stack: FaultStack; databaseUrl?: string };
  beforeAll(async () => {
    local.redis = await startLocalRedis();
    local.databaseUrl = await createTestDatabase();
    local.stack = await startFaultStack({ DATABASE_URL: local.databaseUrl, REDIS_URL: local.redis.url, ...env }, options);
  }, 60_000);
  afterAll(async () => {
    await local.stack?.close();
    await local.redis?.kill();
    if (local.databaseUrl) await dropTestDatabase(local.databaseUrl);
  });
  return local;
}

/**
 * Redis losing its data or going away, on a private redis-server (never the shared one). A 202 is
 * a committed row, and each worker's sweeper re-queues comments left pending, so nothing is lost.
 */
describe('Redis faults', () => {
  // Jobs take a second each, so some are in flight and many are waiting when Redis fails.
  const local = onLocalRedis({ WORKER_TEST_DELAY_MS: '1000', WORKER_CONCURRENCY: '4' }, { worker: true });

  const postMany = async (count: number): Promise<string[]> => {
    const articleId = randomArticleId('redis-fault');
    const answers = await Promise.all(
      Array.from({ length: count }, () => request(local.stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment())),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    return answers.map((a) => a.body.id as string);
  };

  const expectDecidedOnce = async (ids: string[]) => {
    const perComment = await autoDecisionsPerComment(local.stack.services.db, ids);
    expect([...perComment.values()]).toEqual(ids.map(() => 1));
  };

  test('When Redis is flushed (FLUSHALL) while comments are pending, then the sweeper gets every one decided within 30 s, once', async () => {
    const ids = await postMany(20);

    await local.redis.flushAll();

    const took = await waitAllDecided(local.stack.services.db, ids, 30_000);
    expect(took).toBeLessThan(30_000);
    await expectDecidedOnce(ids);
  }, 45_000);

  test('When Redis restarts without persistence while comments are pending, then every one is decided within 30 s, once', async () => {
    const ids = await postMany(20);

    await local.redis.kill();
    await local.redis.start();

    await waitAllDecided(local.stack.services.db, ids, 30_000);
    await expectDecidedOnce(ids);
  }, 45_000);

  test('When Redis is down, then POST is still 202, /readyz says redis down, and once Redis is back everything is decided without a restart', async () => {
    await local.redis.kill();

    const started = Date.now();
    const ids = await postMany(5);
    expect(Date.now() - started).toBeLessThan(10_000);
    const ready = await request(local.stack.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ postgres: 'up', redis: 'down' });
    const [stored] = await local.stack.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
    expect(stored.n).toBe(5);

    await local.redis.start();

    await waitFor(async () => ((await request(local.stack.app).get('/readyz')).body.redis === 'up' ? true : undefined), 15_000, 'redis up');
    await waitAllDecided(local.stack.services.db, ids, 30_000);
    await expectDecidedOnce(ids);
  }, 60_000);
});

describe('Redis outage in the log', () => {
  const local = onLocalRedis({}, { worker: true });

  const logged = (msg: string, level?: number) =>
    local.stack.logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string; source?: string; cause?: { message: string } })
      .filter((line) => line.msg === msg && (level === undefined || line.level === level));

  test('When Redis goes away and every connection retries, then the API and the worker each warn once with the cause, and say once when it is back', async () => {
    let failedAttempts = 0;
    local.stack.services.redis.on('error', () => (failedAttempts += 1));

    await local.redis.kill();
    await waitFor(() => (failedAttempts >= 4 ? true : undefined), 15_000, 'four failed reconnection attempts');
    await waitFor(() => (logged('Redis unavailable').length >= 2 ? true : undefined), 15_000, 'both processes to warn');

    const warnings = logged('Redis unavailable', 40);
    const api = warnings.filter((line) => ['producer', 'pipelined'].includes(line.source!));
    const worker = warnings.filter((line) => ['worker', 'list cache'].includes(line.source!));
    expect([api.length, worker.length]).toEqual([1, 1]);
    expect(api[0].cause!.message).toMatch(/ECONNREFUSED/);
    expect(logged('worker error', 40)).toEqual([]);

    await local.redis.start();

    await waitFor(() => (logged('Redis available again').length >= 2 ? true : undefined), 15_000, 'both processes to see Redis back');
    expect(logged('Redis unavailable')).toHaveLength(2);
  }, 60_000);
});

describe('GET /v1/articles/:articleId/comments when Redis goes away', () => {
  const local = onLocalRedis();

  test('When Redis is lost after a page was cached, then reads are built from PostgreSQL again: a change made meanwhile shows at once', async () => {
    const articleId = randomArticleId('cache-redis-lost');
    const post = async () =>
      (await request(local.stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment())).body.id as string;
    const [first, second] = [await post(), await post()];
    const approve = (id: string) =>
      local.stack.services.db.query(`UPDATE comments SET status = 'approved', decided_at = now() WHERE id = $1`, [id]);
    const read = async () => (await request(local.stack.app).get(`/v1/articles/${articleId}/comments`)).body;
    await approve(first);
    expect(await read()).toMatchObject({ total: 1 });

    await local.redis.kill();
    await approve(second);

    expect(await read()).toMatchObject({ total: 2 });
    await local.redis.start();
  });
});
