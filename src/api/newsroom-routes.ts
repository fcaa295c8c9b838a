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
import { body, error, json, type ApiOperation } from './openapi/operation';
import {
  articleControlsSchema,
  banSchema,
  bulkResultSchema,
  decisionLogSchema,
  moderationStatsSchema,
  trustSettingsViewSchema,
  watchedArticlesSchema,
  wordListsSchema,
} from './openapi/schemas';
import { idParam, idSchema, parseInput, parseQuery } from './validate';

export interface NewsroomRouteDeps extends ModerationDeps {
  config: Pick<Config, 'autoCloseAfterDays'> & TrustDefaults;
  requireRole: RequireRole;
}

const articleListQuery = z.object({ limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(100) });

const premoderationSchema = z.object({
  enabled: z.boolean(),
  until: z.iso.datetime({ offset: true }).nullish(),
});

const commentPath = z.object({ id: idSchema });
const articlePath = z.object({ articleId: articleIdSchema });
const listPath = z.object({ list: listNameSchema });
const controls = (description: string) => json(description, articleControlsSchema);
const ipBanForbidden = error('An IP ban with a moderator key (IP bans need the admin key)');

/** Every operation here is a moderator's (access: 'moderator'); IP bans also need the admin key (403). */
const newsroom = (operation: Omit<ApiOperation, 'tag' | 'access'>): ApiOperation => ({
  tag: 'newsroom',
  access: 'moderator',
  ...operation,
});

export const newsroomOperations: ApiOperation[] = [
  newsroom({
    method: 'get',
    path: '/v1/moderation/comments/:id/history',
    operationId: 'getDecisionLog',
    summary: 'Decision log: every automatic and human decision on the comment, oldest first',
    requestParams: { path: commentPath },
    responses: { '200': json('The log', decisionLogSchema), '404': error('No comment with this id') },
  }),
  newsroom({
    method: 'post',
    path: '/v1/moderation/comments/bulk',
    operationId: 'bulkModerate',
    summary: 'Approve, reject or mark spam up to 500 comments; each is audited and feeds the spam filter like a single action',
    requestBody: body(bulkSchema),
    responses: { '200': json('One result per id', bulkResultSchema), '400': error('Invalid body') },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/stats',
    operationId: 'getModerationStats',
    summary: "Queue sizes, oldest held age, decisions per rule and moderators' overturns, over a period (default 7d)",
    requestParams: { query: statsQuerySchema },
    responses: { '200': json('The statistics', moderationStatsSchema), '400': error('Invalid period') },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/word-lists',
    operationId: 'getWordLists',
    summary: 'The banned (reject) and suspect (hold) word lists',
    responses: { '200': json('Both lists and their version', wordListsSchema) },
  }),
  newsroom({
    method: 'post',
    path: '/v1/moderation/word-lists/:list/terms',
    operationId: 'addWordListTerms',
    summary: 'Add terms ("idiot", "idiot*", "*head", "*word*"); applies to the next comment on every worker',
    requestParams: { path: listPath },
    requestBody: body(addTermsSchema),
    responses: { '200': json('Both lists after the change', wordListsSchema), '400': error('Invalid term or list') },
  }),
  newsroom({
    method: 'delete',
    path: '/v1/moderation/word-lists/:list/terms/:term',
    operationId: 'removeWordListTerm',
    summary: 'Remove a term (case-insensitive)',
    requestParams: { path: listPath.extend({ term: termSchema }) },
    responses: {
      '200': json('Both lists after the change', wordListsSchema),
      '400': error('Invalid term or list'),
      '404': error('The term is not on the list'),
    },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/bans',
    operationId: 'listBans',
    summary: 'Bans, newest first; filter by email, ip or ssoSubject (matched by keyed hash), kind, active',
    requestParams: { query: banListQuerySchema },
    responses: { '200': json('Bans', z.object({ bans: z.array(banSchema) })), '400': error('Invalid filter') },
  }),
  newsroom({
    method: 'post',
    path: '/v1/moderation/bans',
    operationId: 'createBan',
    summary:
      "Ban an author (email), a signed-in reader (ssoSubject: the site's id for them) or a client (ip; admin key only), " +
      "directly or via one of their comments (a signed-in reader's comment bans the reader); optionally reject their " +
      'pending and held comments',
    requestBody: body(newBanSchema),
    responses: {
      '201': json('The ban, and the ids of the comments it rejected', banSchema.extend({ rejectedComments: z.array(z.string()) })),
      '400': error('Invalid body'),
      '403': ipBanForbidden,
      '404': error('No comment with this id'),
    },
  }),
  newsroom({
    method: 'delete',
    path: '/v1/moderation/bans/:id',
    operationId: 'liftBan',
    summary: 'Lift a ban (IP bans: admin key only)',
    requestParams: { path: z.object({ id: idSchema }) },
    responses: { '200': json('The lifted ban', banSchema), '403': ipBanForbidden, '404': error('No ban with this id') },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/articles',
    operationId: 'listWatchedArticles',
    summary: 'Articles to watch: comments waiting, commented on in the last 48 hours, closed, pre-moderated or surging',
    requestParams: { query: articleListQuery },
    responses: {
      '200': json('Articles with comments waiting first, then by their latest comment', watchedArticlesSchema),
      '400': error('Invalid limit'),
    },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/trust',
    operationId: 'getTrustSettings',
    summary: 'The trust settings in force, the environment defaults and the newsroom overrides',
    responses: { '200': json('The settings', trustSettingsViewSchema) },
  }),
  newsroom({
    method: 'put',
    path: '/v1/moderation/trust',
    operationId: 'updateTrustSettings',
    summary: 'Change trust settings (null: back to the environment); applies to the next comment decided',
    requestBody: body(trustSettingsSchema),
    responses: { '200': json('The settings after the change', trustSettingsViewSchema), '400': error('Invalid setting') },
  }),
  newsroom({
    method: 'get',
    path: '/v1/moderation/articles/:articleId',
    operationId: 'getArticleControls',
    summary: "An article's controls: closed, auto-close time, pre-moderation",
    requestParams: { path: articlePath },
    responses: { '200': controls('The controls'), '400': error('Invalid article id') },
  }),
  newsroom({
    method: 'post',
    path: '/v1/moderation/articles/:articleId/close',
    operationId: 'closeArticle',
    summary: 'Close commenting: posting answers 409 comments_closed',
    requestParams: { path: articlePath },
    responses: { '200': controls('The controls after the change'), '400': error('Invalid article id') },
  }),
  newsroom({
    method: 'post',
    path: '/v1/moderation/articles/:articleId/reopen',
    operationId: 'reopenArticle',
    summary: 'Reopen commenting; also exempts the article from auto-close',
    requestParams: { path: articlePath },
    responses: { '200': controls('The controls after the change'), '400': error('Invalid article id') },
  }),
  newsroom({
    method: 'put',
    path: '/v1/moderation/articles/:articleId/premoderation',
    operationId: 'setPremoderation',
    summary: 'Switch pre-moderation on (optionally until a time) or off: every comment not rejected or spam is held',
    requestParams: { path: articlePath },
    requestBody: body(premoderationSchema),
    responses: { '200': controls('The controls after the change'), '400': error('Invalid body') },
  }),
];

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
