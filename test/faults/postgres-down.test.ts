import request from 'supertest';
import { startLocalPostgres, type LocalPostgres } from '../../tools/local-services';
import { migrate } from '../../src/db/migrate';
import { buildComment, randomArticleId } from '../helpers/factories';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { autoDecisionsPerComment, startFaultStack, type FaultStack } from './fault-stack';

/**
 * PostgreSQL going away, on a private cluster (initdb + pg_ctl in a temporary folder). Nothing is
 * acknowledged that is not committed, requests answer fast (connect timeout), and both the API and
 * the worker come back on their own when PostgreSQL does.
 */
describe('PostgreSQL down', () => {
  let pg: LocalPostgres;
  let stack: FaultStack;

  beforeAll(async () => {
    pg = await startLocalPostgres();
    await migrate(pg.url('sift'));
    stack = await startFaultStack(
      { DATABASE_URL: pg.url('sift'), DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '3000' },
      { worker: true },
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await pg?.destroy();
  });

  test('When PostgreSQL stops, then POST is 503 with nothing stored and /readyz 503; when it returns, API and worker recover without a restart', async () => {
    const articleId = randomArticleId('pg-down');
    const before = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment());
    expect(before.status).toBe(202);
    expect(await waitForDecision(stack.services.db, before.body.id, 15_000)).toBe('approved');

    await pg.stop();

    const started = Date.now();
    const refused = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .send(buildComment({ body: 'Written during the outage.' }));
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } });
    expect(Date.now() - started).toBeLessThan(10_000);
    const ready = await request(stack.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ postgres: 'down', redis: 'up' });
    const read = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(read.status).toBe(503);

    await pg.start();

    await waitFor(async () => ((await request(stack.app).get('/readyz')).status === 200 ? true : undefined), 20_000, 'readyz 200');
    const after = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment());
    expect(after.status).toBe(202);
    expect(await waitForDecision(stack.services.db, after.body.id, 30_000)).toBe('approved');
    const bodies = await stack.services.db.query<{ body: string }>('SELECT body FROM comments WHERE article_id = $1', [articleId]);
    expect(bodies.map((row) => row.body)).not.toContain('Written during the outage.');
    expect(bodies).toHaveLength(2);
    // The first decision committed without waiting for its WAL flush (docs/performance.md), so the
    // crash (stop -m immediate) may have put that comment back to pending: the sweeper, seeing its
    // job completed, queues it again and it is decided anew. Either way, once, and approved.
    expect(await waitForDecision(stack.services.db, before.body.id, 30_000)).toBe('approved');
    const perComment = await autoDecisionsPerComment(stack.services.db, [before.body.id, after.body.id]);
    expect([...perComment.values()]).toEqual([1, 1]);
  }, 90_000);
});
