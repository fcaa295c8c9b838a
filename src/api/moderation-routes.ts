import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { articleIdSchema } from '../comments/comment-schemas';
import { COMMENT_STATUSES } from '../comments/comment-repository';
import {
  getModeratorView,
  listModerationQueue,
  moderateComment,
  type ModerationAction,
  type ModerationDeps,
} from '../moderation/moderate-comment';
import { getAuthorRecord, revealAuthorEmail } from '../moderation/author-record';
import {
  createModerator,
  getModeratorAccount,
  issueModeratorKey,
  listModeratorAccounts,
  revokeModerator,
} from '../moderation/moderator-keys';
import { statsPeriod } from '../moderation/stats';
import { reasonCodeSchema } from '../moderation/reason-codes';
import { setPick } from '../moderation/picks';
import { getCommentReports, revealReporterEmail } from '../reports/moderator-reports';
import { createsAtomically, optionalJson, requireJson } from './error-middleware';
import { principalOf, type RequireRole } from './require-role';
import { body, error, json, type ApiOperation } from './openapi/operation';
import {
  authorRecordSchema,
  commentReportsSchema,
  issuedKeySchema,
  moderationPageSchema,
  moderatorAccountSchema,
  moderatorCommentSchema,
  moderatorHistorySchema,
  revealedEmailSchema,
  revealedReporterEmailSchema,
} from './openapi/schemas';
import { idParam, idSchema, parseInput, parseQuery } from './validate';

export interface ModerationRouteDeps extends ModerationDeps {
  logger: Logger;
  requireRole: RequireRole;
}

const listQuerySchema = z.object({
  status: z
    .enum(['reported', ...COMMENT_STATUSES])
    .optional()
    .meta({ description: "A status, or reported: comments with readers' reports no moderator has decided yet" }),
  articleId: articleIdSchema.optional(),
  order: z
    .enum(['newest', 'oldest', 'decided'])
    .default('newest')
    .meta({ description: 'decided: approved, rejected and spam comments only, the most recently decided first' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Text the body or the author name contains (case-insensitive, taken literally)' }),
  decidedWithin: z
    .string()
    .regex(/^\d{1,4}[hd]$/, 'expected e.g. 24h or 7d')
    .optional()
    .meta({ description: 'Only comments decided within this period (e.g. 24h, 7d)' }),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  cursor: z.string().max(512).optional().meta({ description: 'nextCursor of the previous page' }),
});

const reasonSchema = z.object({ reason: z.string().trim().max(1000).nullish(), reasonCode: reasonCodeSchema.nullish() });
const moderatorSchema = z.object({ name: z.string().trim().min(1, 'must not be empty').max(100) });

const commentPath = z.object({ id: idSchema });
const moderatorPath = z.object({ id: idSchema });
const noComment = error('No comment with this id');
const noModerator = error('No moderator with this id');

const decision = (action: ModerationAction, operationId: string, summary: string): ApiOperation => ({
  method: 'post',
  path: `/v1/moderation/comments/:id/${action}`,
  operationId,
  tag: 'moderation',
  access: 'moderator',
  summary,
  requestParams: { path: commentPath },
  requestBody: body(reasonSchema, false),
  responses: {
    '200': json('The moderator view after the change', moderatorCommentSchema),
    '400': error('Invalid reason'),
    '404': noComment,
  },
});

export const moderationOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/admin/moderators',
    operationId: 'listModerators',
    tag: 'admin',
    access: 'admin',
    summary: 'Every moderator, with when their key was issued and last used, and whether it is revoked',
    responses: { '200': json('The moderators, by name', z.object({ moderators: z.array(moderatorAccountSchema) })) },
  },
  {
    method: 'post',
    path: '/v1/admin/moderators',
    operationId: 'createModerator',
    tag: 'admin',
    access: 'admin',
    summary: 'Create a moderator; the key is shown once and stored only as a hash',
    requestBody: body(moderatorSchema),
    responses: {
      '201': json('The moderator and their key, shown only in this answer', issuedKeySchema),
      '400': error('Invalid name'),
      '409': error('A moderator with this name exists'),
      '503': error('Storage unavailable; nothing was stored'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/moderators/:id',
    operationId: 'getModerator',
    tag: 'admin',
    access: 'admin',
    summary: 'One moderator, with the audit trail of their key (created, key_issued, revoked: by whom, when)',
    requestParams: { path: moderatorPath },
    responses: { '200': json('The moderator and their key history, oldest first', moderatorHistorySchema), '404': noModerator },
  },
  {
    method: 'post',
    path: '/v1/admin/moderators/:id/key',
    operationId: 'issueModeratorKey',
    tag: 'admin',
    access: 'admin',
    summary: 'Issue a new key for a moderator: the old key is refused from the next request on; lifts a revocation',
    requestParams: { path: moderatorPath },
    responses: { '201': json('The moderator and their new key, shown only in this answer', issuedKeySchema), '404': noModerator },
  },
  {
    method: 'post',
    path: '/v1/admin/moderators/:id/revoke',
    operationId: 'revokeModeratorKey',
    tag: 'admin',
    access: 'admin',
    summary: "Revoke a moderator's key: refused from the next request on (revoking again changes nothing)",
    requestParams: { path: moderatorPath },
    responses: { '200': json('The moderator after the change', moderatorAccountSchema), '404': noModerator },
  },
  {
    method: 'get',
    path: '/v1/moderation/comments',
    operationId: 'listModerationComments',
    tag: 'moderation',
    access: 'moderator',
    summary: 'Comments for moderators, newest first unless order=oldest (or order=decided); status=reported: the reported queue',
    description:
      'Answers to a console session (cookie + X-CSRF-Token instead of a key) carry no authorEmail: the console asks ' +
      'GET /v1/moderation/comments/{id}/email when a moderator clicks for it. status=reported lists the comments with ' +
      "readers' reports no moderator has decided yet, whatever their status; each view's `reports` has the open ones by reason.",
    requestParams: { query: listQuerySchema },
    responses: {
      '200': json('A page of comments and how many match the filter', moderationPageSchema),
      '400': error('Invalid filter or cursor'),
    },
  },
  {
    method: 'get',
    path: '/v1/moderation/comments/:id',
    operationId: 'getModerationComment',
    tag: 'moderation',
    access: 'moderator',
    summary: 'One comment, moderator view',
    requestParams: { path: commentPath },
    responses: { '200': json('The moderator view', moderatorCommentSchema), '404': noComment },
  },
  {
    method: 'get',
    path: '/v1/moderation/comments/:id/email',
    operationId: 'revealAuthorEmail',
    tag: 'moderation',
    access: 'moderator',
    summary: "The author's email address, when a moderator asks for it (logged, without the address)",
    requestParams: { path: commentPath },
    responses: { '200': json('The address', revealedEmailSchema), '404': noComment },
  },
  {
    method: 'get',
    path: '/v1/moderation/comments/:id/author',
    operationId: 'getAuthorRecord',
    tag: 'moderation',
    access: 'moderator',
    summary: "The author's other comments (same email, by its keyed hash) and how they were decided; no address",
    requestParams: { path: commentPath },
    responses: { '200': json('Counts per status and the latest 20 other comments, newest first', authorRecordSchema), '404': noComment },
  },
  decision('approve', 'approveComment', 'Approve (public from now on); also teaches the spam filter "not spam"; dismisses open reports'),
  decision('reject', 'rejectComment', 'Reject, with an optional reason kept in the audit trail; upholds open reports'),
  decision('spam', 'markCommentSpam', 'Mark as spam; also teaches the spam filter; upholds open reports'),
  {
    method: 'get',
    path: '/v1/moderation/comments/:id/reports',
    operationId: 'listCommentReports',
    tag: 'moderation',
    access: 'moderator',
    summary: "A comment's reports, newest first, each with the decision that settled it; no reader is identified",
    requestParams: { path: commentPath },
    responses: { '200': json('The reports', commentReportsSchema), '404': noComment },
  },
  {
    method: 'get',
    path: '/v1/moderation/reports/:id/email',
    operationId: 'revealReporterEmail',
    tag: 'moderation',
    access: 'moderator',
    summary: "A notice's sender's email address, when a moderator asks for it (logged, without the address)",
    requestParams: { path: z.object({ id: idSchema.meta({ description: 'A report id' }) }) },
    responses: { '200': json('The address', revealedReporterEmailSchema), '404': error('No report with an address and this id') },
  },
  {
    method: 'post',
    path: '/v1/moderation/comments/:id/feature',
    operationId: 'featureComment',
    tag: 'moderation',
    access: 'moderator',
    summary: "Make a published comment an editors' pick: listed first and marked (featured) under every order; audited",
    requestParams: { path: commentPath },
    responses: {
      '200': json('The moderator view after the change', moderatorCommentSchema),
      '404': noComment,
      '409': error('not_published: only an approved comment can be picked'),
    },
  },
  {
    method: 'post',
    path: '/v1/moderation/comments/:id/unfeature',
    operationId: 'unfeatureComment',
    tag: 'moderation',
    access: 'moderator',
    summary: 'Stop featuring a comment; audited (without a pick, nothing changes)',
    requestParams: { path: commentPath },
    responses: { '200': json('The moderator view after the change', moderatorCommentSchema), '404': noComment },
  },
];

/** Moderators' and admins' endpoints; every one needs a Bearer key or a console session. */
export function moderationRoutes(deps: ModerationRouteDeps): Router {
  const router = Router();

  const moderator = deps.requireRole('moderator');
  const admin = deps.requireRole('admin');
  const commentId = (raw: unknown) => idParam(raw, 'No comment with this id');
  const moderatorId = (raw: unknown) => idParam(raw, 'No moderator with this id');

  router.post('/v1/admin/moderators', createsAtomically, admin, requireJson, async (req, res) => {
    const { name } = parseInput(moderatorSchema, req.body ?? {}, 'body');
    res.status(201).json(await createModerator(deps.db, principalOf(res), name));
  });

  router.get('/v1/admin/moderators', admin, async (_req, res) => {
    res.json(await listModeratorAccounts(deps.db));
  });

  router.get('/v1/admin/moderators/:id', admin, async (req, res) => {
    res.json(await getModeratorAccount(deps.db, moderatorId(req.params.id)));
  });

  router.post('/v1/admin/moderators/:id/key', admin, async (req, res) => {
    res.status(201).json(await issueModeratorKey(deps.db, principalOf(res), moderatorId(req.params.id)));
  });

  router.post('/v1/admin/moderators/:id/revoke', admin, async (req, res) => {
    res.json(await revokeModerator(deps.db, principalOf(res), moderatorId(req.params.id)));
  });

  router.get('/v1/moderation/comments', moderator, async (req, res) => {
    const query = parseQuery(listQuerySchema, req.query);
    const reported = query.status === 'reported';
    const filter = {
      status: reported ? undefined : (query.status as (typeof COMMENT_STATUSES)[number] | undefined),
      reported,
      articleId: query.articleId,
      q: query.q,
      order: query.order,
      decidedSince: query.decidedWithin ? statsPeriod({ period: query.decidedWithin }).from : undefined,
    };
    res.json(await listModerationQueue(deps, filter, { limit: query.limit, cursor: query.cursor }));
  });

  router.get('/v1/moderation/comments/:id', moderator, async (req, res) => {
    res.json(await getModeratorView(deps, commentId(req.params.id)));
  });

  router.get('/v1/moderation/comments/:id/email', moderator, async (req, res) => {
    const revealed = await revealAuthorEmail(deps, principalOf(res), commentId(req.params.id));
    // The one answer a console session gets an address in: the moderator asked for it.
    res.locals.revealEmail = true;
    res.json(revealed);
  });

  router.get('/v1/moderation/comments/:id/author', moderator, async (req, res) => {
    res.json(await getAuthorRecord(deps, commentId(req.params.id)));
  });

  router.get('/v1/moderation/comments/:id/reports', moderator, async (req, res) => {
    res.json(await getCommentReports(deps.db, commentId(req.params.id)));
  });

  router.get('/v1/moderation/reports/:id/email', moderator, async (req, res) => {
    const revealed = await revealReporterEmail(deps, principalOf(res), idParam(req.params.id, 'No report with an address and this id'));
    // As for an author's address: the one answer a console session gets it in, because it asked.
    res.locals.revealEmail = true;
    res.json(revealed);
  });

  router.post('/v1/moderation/comments/:id/feature', moderator, optionalJson, async (req, res) => {
    res.json(await setPick(deps, principalOf(res), commentId(req.params.id), true));
  });

  router.post('/v1/moderation/comments/:id/unfeature', moderator, optionalJson, async (req, res) => {
    res.json(await setPick(deps, principalOf(res), commentId(req.params.id), false));
  });

  for (const action of ['approve', 'reject', 'spam'] as ModerationAction[]) {
    router.post(`/v1/moderation/comments/:id/${action}`, moderator, optionalJson, async (req, res) => {
      const id = commentId(req.params.id);
      const { reason, reasonCode } = parseInput(reasonSchema, req.body ?? {}, 'body');
      res.json(await moderateComment(deps, principalOf(res), id, action, reason ?? null, { reasonCode: reasonCode ?? null }));
    });
  }

  return router;
}
