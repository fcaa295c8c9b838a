import { Client } from 'pg';
import request from 'supertest';
import { migrate } from '../../src/db/migrate';
import { startLocalPostgres, startLocalPostgresReplica, type LocalPostgres } from '../../tools/local-services';
import { startFaultStack, type FaultStack } from '../faults/fault-stack';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { waitFor } from '../helpers/wait-for';

/**
 * The public list with DATABASE_READ_URL on a real streaming replica (a throwaway primary and a
 * pg_basebackup of it), whose replay is paused to make it lag: pages come from the replica, except
 * when it has not replayed the last decision of the article, or when Redis (which carries how far it
 * must be) cannot say.
 */
describe('GET /v1/articles/:articleId/comments with a read replica (DATABASE_READ_URL)', () => {
  let primary: LocalPostgres;
  let replica: LocalPostgres;
  let replicaClient: Client;
  let stack: FaultStack;
  let withoutRedis: FaultStack;

  beforeAll(async () => {
    primary = await startLocalPostgres();
    await migrate(primary.url('sift'));
    replica = await startLocalPostgresReplica(primary);
    replicaClient = new Client({ connectionString: replica.url('sift') });
    await replicaClient.connect();
    const env = { DATABASE_URL: primary.url('sift'), DATABASE_READ_URL: replica.url('sift') };
    stack = await startFaultStack(env);
    withoutRedis = await startFaultStack({ ...env, REDIS_URL: 'redis://127.0.0.1:1' });
  }, 120_000);
  afterAll(async () => {
    await withoutRedis?.close();
    await stack?.close();
    await replicaClient?.end();
    await replica?.destroy();
    await primary?.destroy();
  });

  /** Runs `fn` with the replica's replay paused, then lets it catch up with the primary. */
  const whileReplicaLags = async (fn: () => Promise<void>) => {
    await replicaClient.query('SELECT pg_wal_replay_pause()');
    try {
      await fn();
    } finally {
      await resumeReplayAndCatchUp();
    }
  };
  const resumeReplayAndCatchUp = async () => {
    await replicaClient.query('SELECT pg_wal_replay_resume()');
    const [{ lsn }] = await stack.services.db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    await waitFor(
      async () => {
        const { rows } = await replicaClient.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
        return rows[0].done ? true : undefined;
      },
      20_000,
      'the replica to replay the primary',
    );
  };
  /** Approves a comment on the primary without telling the list cache, as no decision ever does. */
  const approveBehindTheCache = (id: string) =>
    stack.services.db.query(`UPDATE comments SET status = 'approved', decided_at = now() WHERE id = $1`, [id]);
  const ids = (response: request.Response) => (response.body.comments as Array<{ id: string }>).map((c) => c.id);

  test('When the replica has not replayed a change no decision announced, then the page is built from the replica, without it', async () => {
    await whileReplicaLags(async () => {
      const articleId = randomArticleId('replica-read');
      const id = await apiClient(stack.app).post(articleId);
      await approveBehindTheCache(id);

      const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);

      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 0, comments: [] });
    });
  });

  test('When a moderator approves a comment while the replica lags, then the next read shows it (built from the primary), and once the replica has caught up, still does', async () => {
    const articleId = randomArticleId('replica-lag');
    const api = apiClient(stack.app);
    const id = await api.post(articleId);
    expect(ids(await request(stack.app).get(`/v1/articles/${articleId}/comments`))).toEqual([]);
    await whileReplicaLags(async () => {
      await api.moderate(id, 'approve');

      const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
      const one = await request(stack.app).get(`/v1/comments/${id}`);

      expect(ids(page)).toEqual([id]);
      expect(one.status).toBe(200);
      const { rows } = await replicaClient.query(`SELECT status FROM comments WHERE id = $1`, [id]);
      expect(rows).toEqual([{ status: 'pending' }]);
    });
    expect(ids(await request(stack.app).get(`/v1/articles/${articleId}/comments`))).toEqual([id]);
  });

  test('When Redis is unreachable, then pages are built from the primary, so a lagging replica shows nothing old', async () => {
    await whileReplicaLags(async () => {
      const articleId = randomArticleId('replica-no-redis');
      const id = await apiClient(withoutRedis.app).post(articleId);
      await approveBehindTheCache(id);

      const page = await request(withoutRedis.app).get(`/v1/articles/${articleId}/comments`);

      expect(ids(page)).toEqual([id]);
    });
  });
});
