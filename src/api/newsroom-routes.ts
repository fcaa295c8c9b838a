import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { articleIdSchema, commentIdSchema } from '../comments/comment-schemas';
import { readOrUnavailable } from '../comments/list-comments';
import { notFound } from '../errors';
import { closeArticle, getArticleControls, listArticles, reopenArticle, setPremoderation } from '../articles/article-controls';
import { banListQuerySchema, createBan, liftBanById, newBanSchema, searchBans } from '../moderation/bans/bans';
import { bulkModerate, bulkSchema } from '../moderation/bulk-moderate';
import { getDecisionLog } from '../moderation/decision-log';
import type { ModerationDeps } from '../moderation/moderate-comment';
import type { Principal } from '../moderation/moderator-auth';
import { getModerationStats, statsQuerySchema } from '../moderation/stats';
import { getTrustSettings, trustSettingsSchema, updateTrustSettings, type TrustDefaults } from '../moderation/trust-settings';
import { addTerms, addTermsSchema, getWordLists, listNameSchema, removeTerm, termSchema } from '../moderation/word-lists/word-lists';
import { optionalJson, requireJson } from './error-middleware';
import { parseInput, parseQuery } from './validate';

export interface NewsroomRouteDeps extends ModerationDeps {
  config: Pick<Config, 'autoCloseAfterDays'> & TrustDefaults;
  authenticate(authorization: string | undefined): Promise<Principal>;
}

const articleListQuery = z.object({ limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(100) });

const premoderationSchema = z.object({
  enabled: z.boolean(),
  until: z.iso.datetime({ offset: true }).nullish(),
});

/**
 * The newsroom's moderation tools (issue 7): decision log, stats, bulk actions, word lists, bans,
 * article controls and the list of articles to watch, and the trust settings (issue 18). Every route needs a moderator or the admin key; IP bans need the admin key.
 */
export function newsroomRoutes(deps: NewsroomRouteDeps): Router {
  const router = Router();

  // moderation-routes.ts authenticates everything under /v1/moderation before these run; the
  // fallback keeps this router safe on its own.
  const authenticated: RequestHandler = async (req, res, next) => {
    res.locals.principal ??= await deps.authenticate(req.get('Authorization'));
    next();
  };
  const principal = (res: Response) => res.locals.principal as Principal;
  const commentId = (raw: unknown) => {
    const parsed = commentIdSchema.safeParse(raw);
    if (!parsed.success) throw notFound('No comment with this id');
    return parsed.data;
  };
  const articleId = (raw: unknown) => parseInput(articleIdSchema, raw, 'articleId');
  const articleView = (id: string) => readOrUnavailable(() => getArticleControls(deps.db, id, deps.config.autoCloseAfterDays));

  router.get('/v1/moderation/comments/:id/history', authenticated, async (req, res) => {
    res.json(await getDecisionLog(deps.db, commentId(req.params.id)));
  });

  router.post('/v1/moderation/comments/bulk', authenticated, requireJson, async (req, res) => {
    const input = parseInput(bulkSchema, req.body ?? {}, 'body');
    res.json(await bulkModerate(deps, principal(res), input));
  });

  router.get('/v1/moderation/stats', authenticated, async (req, res) => {
    res.json(await getModerationStats(deps.db, parseQuery(statsQuerySchema, req.query)));
  });

  router.get('/v1/moderation/word-lists', authenticated, async (_req, res) => {
    res.json(await getWordLists(deps.db));
  });

  router.post('/v1/moderation/word-lists/:list/terms', authenticated, requireJson, async (req, res) => {
    const list = parseInput(listNameSchema, req.params.list, 'list');
    const { terms } = parseInput(addTermsSchema, req.body ?? {}, 'body');
    res.json(await addTerms(deps.db, principal(res), list, terms));
  });

  router.delete('/v1/moderation/word-lists/:list/terms/:term', authenticated, async (req, res) => {
    const list = parseInput(listNameSchema, req.params.list, 'list');
    const term = parseInput(termSchema, req.params.term, 'term');
    res.json(await removeTerm(deps.db, list, term));
  });

  router.get('/v1/moderation/bans', authenticated, async (req, res) => {
    res.json(await searchBans(deps, parseQuery(banListQuerySchema, req.query)));
  });

  router.post('/v1/moderation/bans', authenticated, requireJson, async (req, res) => {
    const input = parseInput(newBanSchema, req.body ?? {}, 'body');
    res.status(201).json(await createBan(deps, principal(res), input));
  });

  router.delete('/v1/moderation/bans/:id', authenticated, async (req, res) => {
    const parsed = z.uuid().safeParse(req.params.id);
    if (!parsed.success) throw notFound('No ban with this id');
    res.json(await liftBanById(deps, principal(res), parsed.data));
  });

  router.get('/v1/moderation/articles', authenticated, async (req, res) => {
    const { limit } = parseQuery(articleListQuery, req.query);
    res.json(await listArticles(deps.db, deps.config.autoCloseAfterDays, limit));
  });

  router.get('/v1/moderation/trust', authenticated, async (_req, res) => {
    res.json(await getTrustSettings(deps.db, deps.config));
  });

  router.put('/v1/moderation/trust', authenticated, requireJson, async (req, res) => {
    const input = parseInput(trustSettingsSchema, req.body ?? {}, 'body');
    res.json(await updateTrustSettings(deps.db, deps.config, principal(res), input));
  });

  router.get('/v1/moderation/articles/:articleId', authenticated, async (req, res) => {
    res.json(await articleView(articleId(req.params.articleId)));
  });

  router.post('/v1/moderation/articles/:articleId/close', authenticated, optionalJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    await readOrUnavailable(() => closeArticle(deps.db, id));
    res.json(await articleView(id));
  });

  router.post('/v1/moderation/articles/:articleId/reopen', authenticated, optionalJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    await readOrUnavailable(() => reopenArticle(deps.db, id));
    res.json(await articleView(id));
  });

  router.put('/v1/moderation/articles/:articleId/premoderation', authenticated, requireJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    const { enabled, until } = parseInput(premoderationSchema, req.body ?? {}, 'body');
    await readOrUnavailable(() => setPremoderation(deps.db, id, enabled, until ? new Date(until) : null));
    res.json(await articleView(id));
  });

  return router;
}
