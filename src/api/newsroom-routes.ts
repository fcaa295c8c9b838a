import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { articleIdSchema } from '../comments/comment-schemas';
import { closeArticle, getArticleControls, listArticles, reopenArticle, setPremoderation } from '../articles/article-controls';
import { banListQuerySchema, createBan, liftBanById, newBanSchema, searchBans } from '../moderation/bans/bans';
import { bulkModerate, bulkSchema } from '../moderation/bulk-moderate';
import { getDecisionLog } from '../moderation/decision-log';
import type { ModerationDeps } from '../moderation/moderate-comment';
import { getModerationStats, statsQuerySchema } from '../moderation/stats';
import { getTrustSettings, trustSettingsSchema, updateTrustSettings, type TrustDefaults } from '../moderation/trust-settings';
import { addTerms, addTermsSchema, getWordLists, listNameSchema, removeTerm, termSchema } from '../moderation/word-lists/word-lists';
import { optionalJson, requireJson } from './error-middleware';
import { principalOf, type RequireRole } from './require-role';
import { idParam, parseInput, parseQuery } from './validate';

export interface NewsroomRouteDeps extends ModerationDeps {
  config: Pick<Config, 'autoCloseAfterDays'> & TrustDefaults;
  requireRole: RequireRole;
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

  // Every route here is a moderator's; IP bans also need the admin key, which bans.ts checks (it
  // depends on the ban, not on the route).
  const moderator = deps.requireRole('moderator');
  const articleId = (raw: unknown) => parseInput(articleIdSchema, raw, 'articleId');
  const articleView = (id: string) => getArticleControls(deps.db, id, deps.config.autoCloseAfterDays);

  router.get('/v1/moderation/comments/:id/history', moderator, async (req, res) => {
    res.json(await getDecisionLog(deps.db, idParam(req.params.id, 'No comment with this id')));
  });

  router.post('/v1/moderation/comments/bulk', moderator, requireJson, async (req, res) => {
    const input = parseInput(bulkSchema, req.body ?? {}, 'body');
    res.json(await bulkModerate(deps, principalOf(res), input));
  });

  router.get('/v1/moderation/stats', moderator, async (req, res) => {
    res.json(await getModerationStats(deps.db, parseQuery(statsQuerySchema, req.query)));
  });

  router.get('/v1/moderation/word-lists', moderator, async (_req, res) => {
    res.json(await getWordLists(deps.db));
  });

  router.post('/v1/moderation/word-lists/:list/terms', moderator, requireJson, async (req, res) => {
    const list = parseInput(listNameSchema, req.params.list, 'list');
    const { terms } = parseInput(addTermsSchema, req.body ?? {}, 'body');
    res.json(await addTerms(deps.db, principalOf(res), list, terms));
  });

  router.delete('/v1/moderation/word-lists/:list/terms/:term', moderator, async (req, res) => {
    const list = parseInput(listNameSchema, req.params.list, 'list');
    const term = parseInput(termSchema, req.params.term, 'term');
    res.json(await removeTerm(deps.db, list, term));
  });

  router.get('/v1/moderation/bans', moderator, async (req, res) => {
    res.json(await searchBans(deps, parseQuery(banListQuerySchema, req.query)));
  });

  router.post('/v1/moderation/bans', moderator, requireJson, async (req, res) => {
    const input = parseInput(newBanSchema, req.body ?? {}, 'body');
    res.status(201).json(await createBan(deps, principalOf(res), input));
  });

  router.delete('/v1/moderation/bans/:id', moderator, async (req, res) => {
    res.json(await liftBanById(deps, principalOf(res), idParam(req.params.id, 'No ban with this id')));
  });

  router.get('/v1/moderation/articles', moderator, async (req, res) => {
    const { limit } = parseQuery(articleListQuery, req.query);
    res.json(await listArticles(deps.db, deps.config.autoCloseAfterDays, limit));
  });

  router.get('/v1/moderation/trust', moderator, async (_req, res) => {
    res.json(await getTrustSettings(deps.db, deps.config));
  });

  router.put('/v1/moderation/trust', moderator, requireJson, async (req, res) => {
    const input = parseInput(trustSettingsSchema, req.body ?? {}, 'body');
    res.json(await updateTrustSettings(deps.db, deps.config, principalOf(res), input));
  });

  router.get('/v1/moderation/articles/:articleId', moderator, async (req, res) => {
    res.json(await articleView(articleId(req.params.articleId)));
  });

  router.post('/v1/moderation/articles/:articleId/close', moderator, optionalJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    await closeArticle(deps.db, id);
    res.json(await articleView(id));
  });

  router.post('/v1/moderation/articles/:articleId/reopen', moderator, optionalJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    await reopenArticle(deps.db, id);
    res.json(await articleView(id));
  });

  router.put('/v1/moderation/articles/:articleId/premoderation', moderator, requireJson, async (req, res) => {
    const id = articleId(req.params.articleId);
    const { enabled, until } = parseInput(premoderationSchema, req.body ?? {}, 'body');
    await setPremoderation(deps.db, id, enabled, until ? new Date(until) : null);
    res.json(await articleView(id));
  });

  return router;
}
