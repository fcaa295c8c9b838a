/**
 * What a site lives through when a story goes viral (issue 15), measured on a database that is not
 * settled first: no VACUUM or ANALYZE between a burst and the drain that follows it, and statistics
 * as the site would have them. Run twice by bench/run.ts: on a new site (50 comments decided, then
 * analysed, as autovacuum does for a small table) and on a site with a year of archive
 * (1,000,000 comments over 2,000 articles, built by generate_series and never analysed by hand).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { SESSION_OPTIONS } from '../src/db/pool';
import { MODERATION_QUEUE, type ModerationJob } from '../src/queue/moderation-queue';
import { insertComments } from './backlog';
import { waitUntil } from './drain';
import { load, type LoadResult } from './load';
import { cpuOfGroups, freePort, pidsNamed, startNode, type BenchEnvironment, type Proc } from './stack';

export interface SiteMeasurements {
  /** POSTs at full speed for the load's duration, the worker running but its queue paused. */
  burst: LoadResult & { cpuUsPerRequest: number };
  burstCeiling: number;
  /** The burst's comments drained by one worker: from resuming the queue to the last decision. */
  drain: { comments: number; seconds: number; perSecond: number; jobs: number };
  /** POSTs at full speed with the API and one worker running, then until nothing is pending. */
  sustained: {
    posted: number;
    decided: number;
    seconds: number;
    perSecond: number;
    post: LoadResult;
    cpuUsPerComment: Record<string, number>;
  };
  sustainedCeiling: number;
  get: LoadResult & { cpuUsPerRequest: number };
  getCeiling: number;
}

export interface SiteOptions {
  env: BenchEnvironment;
  label: string;
  seconds: number;
  connections: number;
  browserHeaders: Record<string, string>;
  /** Runs a load, measures the Express ceiling again, answers the load and the ceiling around it. */
  bracketed<R extends LoadResult>(name: string, run: () => Promise<R>): Promise<{ result: R; ceiling: number }>;
  measured(proc: Proc, run: () => Promise<LoadResult>): Promise<LoadResult & { cpuUsPerRequest: number }>;
  procs: Proc[];
}

export async function measureSite(o: SiteOptions): Promise<SiteMeasurements> {
  const { env, label } = o;
  const api = startNode(`api-${label}`, 'dist/src/server.js', env.env(), await freePort());
  const worker = startNode(`worker-${label}`, 'dist/worker/main.js', env.env());
  o.procs.push(api, worker);
  await api.ready('/readyz');
  await worker.waitForLine(/Sift worker started/);
  const apiUrl = `http://127.0.0.1:${api.port}`;
  // The bench's own reads of a large table run as the app's do (no sequential scans).
  const db = new Client({ connectionString: env.databaseUrl, options: SESSION_OPTIONS });
  await db.connect();
  const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ModerationJob>(MODERATION_QUEUE, { connection, prefix: env.queuePrefix });
  const now = async () => (await db.query<{ at: Date }>('SELECT clock_timestamp() AS at')).rows[0].at;
  const pending = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending'`)).rows[0].n;
  const finished = async (prefix: string, since: Date) => {
    const { rows } = await db.query<{ decided: number; seconds: number }>(
      `SELECT count(*)::int AS decided, extract(epoch FROM max(decided_at) - $2::timestamptz)::float8 AS seconds
       FROM comments WHERE article_id LIKE $1 AND decided_at IS NOT NULL`,
      [`${prefix}%`, since],
    );
    return rows[0];
  };
  try {
    // The burst: the queue paused, as in the issue, so that the drain after it is measured alone.
    const burstArticles = { articlePrefix: `${label}-burst-`, articles: 20 };
    await queue.pause();
    const burst = await o.bracketed(`${label}: POST burst`, () =>
      o.measured(api, () => load({ url: apiUrl, connections: o.connections, duration: o.seconds, postComments: burstArticles })),
    );
    const burstCount = await pending();
    // How many comments intake put in one job (src/queue/moderation-queue.ts), under this load.
    const burstJobs = await queue.getWaitingCount();
    const resumedAt = await now();
    await queue.resume();
    await waitUntil(async () => (await pending()) === 0, 1_200_000, 250);
    const drained = await finished(burstArticles.articlePrefix, resumedAt);
    const drain = {
      comments: drained.decided,
      seconds: round(drained.seconds, 2),
      perSecond: Math.round(drained.decided / drained.seconds),
      jobs: burstJobs,
    };
    log(`${label}: drained ${burstCount} burst comments (${burstJobs} jobs) at ${drain.perSecond}/s`);

    // Sustained: intake and one worker together on the two cores (with PostgreSQL and Redis).
    const sustainedArticles = { articlePrefix: `${label}-sustained-`, articles: 20 };
    const startedAt = await now();
    // Where the CPU goes while intake and decisions share the machine (the load generator aside).
    let cpu: Record<string, number> = {};
    const sustainedLoad = await o.bracketed(`${label}: sustained POST`, async () => {
      const counting = cpuOfGroups({
        api: [api.child.pid!],
        worker: [worker.child.pid!],
        postgres: pidsNamed('postgres'),
        redis: pidsNamed('redis-server'),
      });
      const post = await load({ url: apiUrl, connections: o.connections, duration: o.seconds, postComments: sustainedArticles });
      await waitUntil(async () => (await pending()) === 0, 1_200_000, 250);
      cpu = counting.done();
      return post;
    });
    const done = await finished(sustainedArticles.articlePrefix, startedAt);
    const cpuUsPerComment = Object.fromEntries(
      Object.entries(cpu).map(([k, ms]) => [k, Math.round((ms * 1000) / Math.max(1, done.decided))]),
    );
    const sustained = {
      posted: sustainedLoad.result.requests,
      decided: done.decided,
      seconds: round(done.seconds, 2),
      perSecond: Math.round(done.decided / done.seconds),
      post: sustainedLoad.result,
      cpuUsPerComment,
    };
    log(
      `${label}: sustained ${sustained.perSecond} decided/s (${sustained.decided} in ${sustained.seconds} s); CPU µs a comment ${JSON.stringify(cpuUsPerComment)}`,
    );

    // A 50-comment page, read as widgets read it.
    const readArticle = `${label}-read`;
    await insertComments(env.databaseUrl, () => readArticle, 50, 'approved');
    const listUrl = `${apiUrl}/v1/articles/${readArticle}/comments?limit=50`;
    await load({ url: listUrl, connections: o.connections, duration: 2, headers: o.browserHeaders });
    const get = await o.bracketed(`${label}: GET 50`, () =>
      o.measured(api, () => load({ url: listUrl, connections: o.connections, duration: o.seconds, headers: o.browserHeaders })),
    );
    return {
      burst: burst.result,
      burstCeiling: burst.ceiling,
      drain,
      sustained,
      sustainedCeiling: sustainedLoad.ceiling,
      get: get.result,
      getCeiling: get.ceiling,
    };
  } finally {
    await queue.close();
    connection.disconnect();
    await db.end();
    await Promise.all([api.stop(), worker.stop()]);
    o.procs.splice(o.procs.indexOf(api), 1);
    o.procs.splice(o.procs.indexOf(worker), 1);
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message: string) => console.log(`[bench] ${message}`);
