import http from 'node:http';
import { getPriority } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createDb, type Db } from '../../src/db/pool';
import { createLogger } from '../../src/logger';
import { MODERATION_QUEUE, moderationJob, moderationJobId } from '../../src/queue/moderation-queue';
import { buildComment, randomArticleId } from '../helpers/factories';
import { ensureBuilt, freePort, startProcess, waitForHttp, type RunningProcess } from '../helpers/processes';
import { ADMIN_KEY, TEST_SECRET_KEY, createTestDatabase, dropTestDatabase, uniquePrefix } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { autoDecisionsPerComment, waitAllDecided } from './fault-stack';

/**
 * Real compiled processes, because signals matter here: a worker SIGKILLed mid-job, SIGTERM to an
 * API or a worker with work in flight, and two APIs with two workers sharing one queue.
 */
describe('Compiled API and worker processes', () => {
  let databaseUrl: string;
  let prefix: string;
  let db: Db;
  let queueRedis: Redis;
  let queue: Queue;
  const started: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    databaseUrl = await createTestDatabase();
    prefix = uniquePrefix();
    db = createDb(
      { connectionString: databaseUrl, max: 2, statementTimeoutMs: 5000, connectTimeoutMs: 2000, applicationName: 'fault-test' },
      createLogger('silent'),
    );
    queueRedis = new Redis(process.env.SIFT_TEST_REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue(MODERATION_QUEUE, { connection: queueRedis, prefix });
  }, 60_000);
  // A failed test must not leave its processes taking the next test's jobs.
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
  });
  afterAll(async () => {
    await queue?.close();
    queueRedis?.disconnect();
    await db?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const baseEnv = () => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.SIFT_TEST_REDIS_URL!,
    QUEUE_PREFIX: prefix,
    SECRET_KEY: TEST_SECRET_KEY,
    ADMIN_API_KEY: ADMIN_KEY,
    RATE_LIMIT: 'off',
    READ_RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
    WORKER_LOCK_DURATION_MS: '3000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    // The sweeper queues a comment whose enqueue timed out (a loaded machine), but skips a job that
    // exists and is not failed, so a killed worker's active job is left to stalled-job handling.
    SWEEP_AFTER_SECONDS: '2',
    SWEEP_INTERVAL_SECONDS: '1',
    SHUTDOWN_TIMEOUT_MS: '20000',
  });

  async function startApi(env: Record<string, string> = {}): Promise<{ process: RunningProcess; url: string }> {
    const port = await freePort();
    const api = startProcess(['node', 'dist/src/server.js'], { ...baseEnv(), PORT: String(port), HOST: '127.0.0.1', ...env });
    started.push(api);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/readyz`, 30_000);
    return { process: api, url };
  }

  async function startWorker(env: Record<string, string> = {}): Promise<RunningProcess> {
    const worker = startProcess(['node', 'dist/worker/main.js'], { ...baseEnv(), ...env });
    started.push(worker);
    await waitFor(() => (worker.output().includes('Sift worker started') ? true : undefined), 30_000, 'worker start');
    return worker;
  }

  async function post(apiUrl: string, articleId: string): Promise<string> {
    const response = await fetch(`${apiUrl}/v1/articles/${articleId}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(buildComment()),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  const waitForActive = (commentId: string) =>
    waitFor(async () => ((await queue.getJob(`comment-${commentId}`))?.processedOn ? true : undefined), 40_000, 'job active');

  test('When a worker is SIGKILLed mid-job, then another worker takes the stalled job over and the comment is decided exactly once', async () => {
    const api = await startApi();
    const doomed = await startWorker({ WORKER_TEST_DELAY_MS: '30000' });
    const id = await post(api.url, randomArticleId('sigkill'));
    await waitForActive(id);

    await doomed.stop('SIGKILL');
    await startWorker();

    expect(await waitForDecision(db, id, 30_000)).toBe('approved');
    expect(await autoDecisionsPerComment(db, [id])).toEqual(new Map([[id, 1]]));
    const job = await queue.getJob(`comment-${id}`);
    expect(job?.stalledCounter ?? 0).toBeGreaterThanOrEqual(1);
    await api.process.stop();
  }, 90_000);

  test('When a worker is SIGKILLed in the middle of a shared job, then another worker takes it over and decides each comment once', async () => {
    const api = await startApi();
    await queue.pause();
    const ids = await Promise.all([1, 2, 3].map(() => post(api.url, randomArticleId('sigkill-shared'))));
    // However intake grouped them, one job for the three, as it queues the comments of one turn.
    await queue.drain();
    const shared = moderationJob(ids);
    await queue.add(shared.name, shared.data, shared.opts);
    const doomed = await startWorker({ WORKER_TEST_DELAY_MS: '30000' });
    await queue.resume();
    await waitFor(async () => ((await queue.getJob(shared.opts.jobId!))?.processedOn ? true : undefined), 40_000, 'shared job active');

    await doomed.stop('SIGKILL');
    await startWorker();

    await waitAllDecided(db, ids, 30_000);
    expect(await autoDecisionsPerComment(db, ids)).toEqual(new Map(ids.map((id) => [id, 1])));
    expect((await queue.getJob(shared.opts.jobId!))?.stalledCounter ?? 0).toBeGreaterThanOrEqual(1);
    // The sweeper left the running job's comments to BullMQ's stalled-job handling.
    expect(await Promise.all(ids.map((id) => queue.getJob(moderationJobId(id))))).toEqual([undefined, undefined, undefined]);
    await api.process.stop();
  }, 90_000);

  test('When WORKER_NICE is set, then the worker runs at that nice level, below the API, and still decides comments', async () => {
    const api = await startApi();
    const worker = await startWorker({ WORKER_NICE: '10' });

    expect(getPriority(worker.child.pid)).toBe(10);
    expect(getPriority(api.process.child.pid)).toBe(getPriority());
    const id = await post(api.url, randomArticleId('nice'));
    expect(await waitForDecision(db, id, 30_000)).toBe('approved');
    await api.process.stop();
  }, 90_000);

  test('When a worker gets SIGTERM mid-job, then it finishes the job before exiting cleanly', async () => {
    const api = await startApi();
    const worker = await startWorker({ WORKER_TEST_DELAY_MS: '3000' });
    const id = await post(api.url, randomArticleId('sigterm-worker'));
    await waitForActive(id);

    const exitCode = await worker.stop('SIGTERM');

    expect(exitCode).toBe(0);
    const [row] = await db.query<{ status: string }>('SELECT status FROM comments WHERE id = $1', [id]);
    expect(row.status).toBe('approved');
    expect(await autoDecisionsPerComment(db, [id])).toEqual(new Map([[id, 1]]));
    await api.process.stop();
  }, 90_000);

  test('When the API gets SIGTERM while a request is half sent, then that request is still answered 202 and stored, and the API exits cleanly', async () => {
    const api = await startApi();
    const articleId = randomArticleId('sigterm-api');
    const payload = Buffer.from(JSON.stringify(buildComment()));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      // Expect: 100-continue makes the server say when it has the request (Node answers 100 as it
      // hands the request to the app), so the test knows the request is in before stopping the API.
      const req = http.request(
        `${api.url}/v1/articles/${articleId}/comments`,
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, Expect: '100-continue' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const received = new Promise((resolve) => req.once('continue', resolve));
      req.write(payload.subarray(0, 10));
      void (async () => {
        // The request is in the API, half its body sent; stop the API, and only then send the rest.
        await received;
        api.process.child.kill('SIGTERM');
        await waitFor(() => (api.process.output().includes('shutting down') ? true : undefined), 10_000, 'shutdown log');
        req.end(payload.subarray(10));
      })().catch(reject);
    });

    const response = await answer;
    expect(response.status).toBe(202);
    const id = (JSON.parse(response.body) as { id: string }).id;
    expect(await api.process.exited).toBe(0);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE id = $1', [id]);
    expect(row.n).toBe(1);
  }, 60_000);

  test('When two APIs and two workers share one PostgreSQL and Redis, then every comment is decided once', async () => {
    // Sweepers in both workers run every second and re-queue anything pending for 1 s: they race
    // the queue on purpose.
    const env = { SWEEP_AFTER_SECONDS: '1', SWEEP_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '4' };
    const apis = [await startApi(), await startApi()];
    await Promise.all([startWorker(env), startWorker(env)]);
    const articleId = randomArticleId('two-by-two');

    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      ids.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => post(apis[i % 2].url, articleId)))));
    }

    await waitAllDecided(db, ids, 45_000);
    const perComment = await autoDecisionsPerComment(db, ids);
    expect(perComment.size).toBe(60);
    expect([...perComment.values()].filter((n) => n !== 1)).toEqual([]);
  }, 120_000);
});
