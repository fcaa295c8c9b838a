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
import { createsAtomically, optionalJson, requireJson } from './error-middleware';
import { principalOf, type RequireRole } from './require-role';
import { idParam, parseInput, parseQuery } from './validate';

export interface ModerationRouteDeps extends ModerationDeps {
  logger: Logger;
  requireRole: RequireRole;
}

const listQuerySchema = z.object({
  status: z.enum(COMMENT_STATUSES as [string, ...string[]]).optional(),
  articleId: articleIdSchema.optional(),
  order: z.enum(['newest', 'oldest', 'decided']).default('newest'),
  q: z.string().trim().min(1).max(200).optional(),
  decidedWithin: z.string().regex(/^\d{1,4}[hd]$/, 'expected e.g. 24h or 7d').optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

const reasonSchema = z.object({ reason: z.string().trim().max(1000).nullish(), reasonCode: reasonCodeSchema.nullish() });
const moderatorSchema = z.object({ name: z.string().trim().min(1, 'must not be empty').max(100) });

/** Moderators' and admins' endpoints; every one needs a Bearer key. */
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
    const filter = {
      status: query.status as (typeof COMMENT_STATUSES)[number] | undefined,
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

  for (const action of ['approve', 'reject', 'spam'] as ModerationAction[]) {
    router.post(`/v1/moderation/comments/:id/${action}`, moderator, optionalJson, async (req, res) => {
      const id = commentId(req.params.id);
      const { reason, reasonCode } = parseInput(reasonSchema, req.body ?? {}, 'body');
      res.json(await moderateComment(deps, principalOf(res), id, action, reason ?? null, { reasonCode: reasonCode ?? null }));
    });
  }

  return router;
}
