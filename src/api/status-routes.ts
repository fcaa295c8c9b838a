import { Router } from 'express';
import { commentIdSchema } from '../comments/comment-schemas';
import { getCommenterStatus, type StatusTokens } from '../comments/comment-status';
import { readOrUnavailable } from '../comments/list-comments';
import type { Queryable } from '../db/pool';
import { notFound } from '../errors';

/**
 * GET /v1/comments/:id/status?token=… — the commenter's own view of their comment, for the widget.
 * The token travels in the query so the cross-origin call stays a "simple" request (no preflight);
 * Sift logs no URLs. A missing or wrong token answers 404, like an unknown id.
 */
export function statusRoutes(deps: { db: Queryable; statusTokens: StatusTokens }): Router {
  const router = Router();
  router.get('/v1/comments/:id/status', async (req, res) => {
    const id = commentIdSchema.safeParse(req.params.id);
    if (!id.success) throw notFound('No comment with this id and token');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    res.set('Cache-Control', 'no-store');
    res.json(await readOrUnavailable(() => getCommenterStatus(deps, id.data, token)));
  });
  return router;
}
