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
import { idParam, idSchema, parseInput } from './validate';
import { body, error, json, rateLimited, type ApiOperation } from './openapi/operation';
import { commentCountsSchema, recommendationSchema, reportReceiptSchema } from './openapi/schemas';

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

const commentPath = z.object({ id: idSchema });
const noComment = error('No published comment with this id');
const recommendation = (method: 'post' | 'delete', operationId: string, summary: string): ApiOperation => ({
  method,
  path: '/v1/comments/:id/recommendation',
  operationId,
  tag: 'public',
  access: 'public',
  summary,
  description:
    'A reader is told apart as the posting limit tells clients apart (the IP, an IPv6 address by its /56; TRUST_PROXY ' +
    'behind a proxy) and kept only as a keyed hash. The body, if any, must be JSON and is ignored.',
  requestParams: { path: commentPath },
  responses: {
    '200': json('The count after the call', recommendationSchema),
    '404': noComment,
    '415': error('A body that is not JSON'),
    '429': rateLimited('Too many recommendations from this client (RECOMMEND_RATE_LIMIT)'),
    '503': error('Storage unavailable'),
  },
});

/** The document's view of the routes below (src/api/openapi.ts). */
export const readerOperations: ApiOperation[] = [
  recommendation('post', 'recommendComment', 'Recommend a published comment: once per reader (again changes nothing)'),
  recommendation('delete', 'unrecommendComment', "Take this reader's recommendation back (without one, nothing changes)"),
  {
    method: 'post',
    path: '/v1/comments/:id/reports',
    operationId: 'reportComment',
    tag: 'public',
    access: 'public',
    summary: 'Report a published comment, once per reader; at REPORT_HOLD_THRESHOLD readers it is held until a moderator decides',
    description:
      'reason illegal makes the report a notice under the EU Digital Services Act (Article 16): an explanation of why the ' +
      "content is illegal, the sender's name and email and `goodFaith: true` are then required (`location` is optional). " +
      'The address is stored encrypted and shown to moderators only when they ask for it; no public answer names a reporter.',
    requestParams: { path: commentPath },
    requestBody: body(z.union([ordinaryReportSchema, illegalNoticeSchema])),
    responses: {
      '202': json('Received; the answer confirms it', reportReceiptSchema),
      '400': error('Invalid field or malformed JSON (the message names the field)'),
      '404': noComment,
      '409': error('already_reported: this reader has reported this comment'),
      '429': rateLimited('Too many reports from this client (REPORT_RATE_LIMIT)'),
      '503': error('Storage unavailable; nothing was stored'),
    },
  },
  {
    method: 'get',
    path: '/v1/comment-counts',
    operationId: 'getCommentCounts',
    tag: 'public',
    access: 'public',
    summary: 'Approved-comment counts of up to 100 articles, for a section page (see /counts.js)',
    description:
      'Cached like the list (a decision changes a count at once) and `Cache-Control: public, max-age=2, ' +
      'stale-while-revalidate=30`. Comma-separated ids, or the parameter repeated; duplicates count once.',
    requestParams: { query: z.object({ articleIds: z.string().meta({ description: 'Article ids, comma-separated, 1 to 100' }) }) },
    responses: {
      '200': json('Each article asked for, in the order asked', commentCountsSchema),
      '400': error('Missing or invalid article id; too_many_articles past 100'),
      '429': rateLimited('Too many reads from this client (READ_RATE_LIMIT)'),
      '503': error('Storage unavailable'),
    },
  },
];

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
    const receipt = await reportComment({ ...deps, holdThreshold: deps.config.reportHoldThreshold }, id, readerHash(deps, req), report);
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
