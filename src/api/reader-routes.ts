import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { articleIdSchema } from '../comments/comment-schemas';
import { coalesceInvalidations, type ListCache } from '../comments/list-cache';
import { countApprovedByArticle } from '../comments/public-list-repository';
import type { Db } from '../db/pool';
import { AppError, badRequest } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import type { RedisClient } from '../queue/redis';
import { setRecommendation } from '../reactions/recommendations';
import { reportComment } from '../reports/report-comment';
import { illegalNoticeSchema, ordinaryReportSchema, reportReasonSchema, type NewReport } from '../reports/report-schemas';
import { createsAtomically, optionalJson, requireJson } from './error-middleware';
import { PUBLIC_LIST_CACHE_CONTROL } from './public-cache';
import { clientIpKey, clientKey, createRedisLimiter } from './rate-limit';
import { idParam, parseInput } from './validate';

export interface ReaderRouteDeps {
  config: Pick<Config, 'queuePrefix' | 'recommendRateLimit' | 'reportRateLimit' | 'reportHoldThreshold'>;
  db: Db;
  readDb: Db;
  secrets: Secrets;
  metrics: Metrics;
  listCache: ListCache;
  pipelinedRedis: RedisClient;
}

/** At most this many articles in one counts request: a section page's headlines, with room. */
export const MAX_COUNT_ARTICLES = 100;

const countsQuerySchema = z.object({
  articleIds: z.union([z.string(), z.array(z.string())], 'is required: comma-separated article ids'),
});

/**
 * What readers do besides posting (issue 20): recommend a comment (and take it back), report one,
 * and the comment counts a section page shows under its headlines. The POSTs and the DELETE are
 * limited per client (RECOMMEND_RATE_LIMIT, REPORT_RATE_LIMIT).
 */
export function readerRoutes(deps: ReaderRouteDeps): Router {
  const router = Router();
  const commentId = (raw: unknown) => idParam(raw, 'No published comment with this id');
  const limiter = (name: string, setting: Config['reportRateLimit'], what: string): RequestHandler =>
    setting
      ? createRedisLimiter(deps.pipelinedRedis, { prefix: deps.config.queuePrefix, name, setting, keyGenerator: clientIpKey, what })
      : (_req, _res, next) => next();
  const recommendLimit = limiter('recommend', deps.config.recommendRateLimit, 'recommendations');
  const reportLimit = limiter('report', deps.config.reportRateLimit, 'reports');
  const countChanged = coalesceInvalidations(deps.listCache);

  router.post('/v1/comments/:id/recommendation', recommendLimit, optionalJson, async (req, res) => {
    res.json(await setRecommendation({ db: deps.db, countChanged }, commentId(req.params.id), readerHash(deps, req), true));
  });

  router.delete('/v1/comments/:id/recommendation', recommendLimit, async (req, res) => {
    res.json(await setRecommendation({ db: deps.db, countChanged }, commentId(req.params.id), readerHash(deps, req), false));
  });

  router.post('/v1/comments/:id/reports', createsAtomically, reportLimit, requireJson, async (req, res) => {
    const id = commentId(req.params.id);
    const report = parseReport(req.body);
    const receipt = await reportComment(
      { ...deps, holdThreshold: deps.config.reportHoldThreshold },
      id,
      readerHash(deps, req),
      report,
    );
    res.status(202).json(receipt);
  });

  router.get('/v1/comment-counts', async (req, res) => {
    const articleIds = parseArticleIds(req.query.articleIds);
    const counts = await deps.listCache.counts(articleIds, (readDb, missing) => countApprovedByArticle(readDb, missing));
    res.set('Cache-Control', PUBLIC_LIST_CACHE_CONTROL);
    res.json({ counts: Object.fromEntries(articleIds.map((id) => [id, counts.get(id) ?? 0])) });
  });

  return router;
}

/**
 * A reader is told apart the way the posting limit tells clients apart (the IP, an IPv6 address
 * by its /56), kept only as a keyed hash: one recommendation and one report per reader per comment.
 */
function readerHash(deps: Pick<ReaderRouteDeps, 'secrets'>, req: Request): Buffer {
  return deps.secrets.clientReaderHash(clientKey(req));
}

function parseReport(body: unknown): NewReport {
  const { reason } = parseInput(reportReasonSchema, body ?? {}, 'body');
  return reason === 'illegal' ? parseInput(illegalNoticeSchema, body, 'body') : parseInput(ordinaryReportSchema, body, 'body');
}

/** `a,b,c` (or the parameter repeated): 1 to 100 article ids, each valid; duplicates count once. */
function parseArticleIds(raw: unknown): string[] {
  const { articleIds } = parseInput(countsQuerySchema, { articleIds: raw }, 'query');
  const ids = [...new Set((Array.isArray(articleIds) ? articleIds : [articleIds]).flatMap((value) => value.split(',')).filter(Boolean))];
  if (ids.length === 0) throw badRequest('articleIds: give at least one article id');
  if (ids.length > MAX_COUNT_ARTICLES) {
    throw new AppError('too_many_articles', 400, `articleIds: at most ${MAX_COUNT_ARTICLES} articles in one request (got ${ids.length})`);
  }
  for (const id of ids) parseInput(articleIdSchema, id, 'articleIds');
  return ids;
}
