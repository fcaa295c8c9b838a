import { Redis } from 'ioredis';
import request from 'supertest';
import {
  startLocalRedisCluster,
  startLocalRedisSentinel,
  type LocalRedisCluster,
  type LocalRedisSentinel,
} from '../../tools/local-services';
import { buildComment, randomArticleId } from '../helpers/factories';
import { uniquePrefix, useTestStack } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';

/**
 * Sift on a Redis Cluster (REDIS_CLUSTER_NODES, a {hash tag} QUEUE_PREFIX) and behind a Sentinel
 * (REDIS_SENTINELS): the queue, the posting limits and the list cache work as on one node.
 */
describe.each([
  ['a Redis master behind a Sentinel', 'sentinel'],
  ['a Redis Cluster of three masters', 'cluster'],
] as const)('On %s', (_name, mode) => {
  let redis: LocalRedisCluster | LocalRedisSentinel;
  let topology: Record<string, string>;
  beforeAll(async () => {
    if (mode === 'cluster') {
      const cluster = await startLocalRedisCluster();
      redis = cluster;
      topology = { REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: `{${uniquePrefix()}}` };
    } else {
      const sentinel = await startLocalRedisSentinel();
      redis = sentinel;
      topology = { REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_NAME: sentinel.name };
    }
  }, 60_000);
  const stack = useTestStack(() => ({ worker: true, env: { ...topology, RATE_LIMIT: '3/60s', TRUST_PROXY: '1' } }));
  // Declared after the stack's, so it runs after the stack has closed its connections.
  afterAll(async () => {
    await redis?.stop();
  });

  test('When a reader posts, then the worker approves it through the queue and the public list shows it at once', async () => {
    const articleId = randomArticleId();
    const before = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(before.body.comments).toEqual([]);

    const posted = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .set('X-Forwarded-For', '203.0.113.7')
      .send(buildComment());

    expect(posted.status).toBe(202);
    expect(await waitForDecision(stack.services.db, posted.body.id)).toBe('approved');
    const after = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(after.body.comments.map((c: { id: string }) => c.id)).toEqual([posted.body.id]);
    expect(await request(stack.app).get('/readyz')).toMatchObject({ status: 200, body: { redis: 'up' } });
    // The job lives in this topology, not on the single node REDIS_URL names (used for credentials only).
    const jobKey = `${stack.config.queuePrefix}:moderation:comment-${posted.body.id}`;
    expect(await stack.services.redis.exists(jobKey)).toBe(1);
    const single = new Redis(stack.config.redisUrl);
    expect(await single.exists(jobKey)).toBe(0);
    single.disconnect();
  });

  test('When one address posts past the limit, then it gets 429 with Retry-After', async () => {
    const articleId = randomArticleId();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await request(stack.app)
        .post(`/v1/articles/${articleId}/comments`)
        .set('X-Forwarded-For', '198.51.100.9')
        .send(buildComment());
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }

    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});
