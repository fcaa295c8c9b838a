import { Router } from 'express';
import { getCommenterStatus, type StatusTokens } from '../comments/comment-status';
import type { Queryable } from '../db/pool';
import { idParam } from './validate';

/**
 * GET /v1/comments/:id/status?token=… — the commenter's own view of their comment, for the widget.
 * The token travels in the query so the cross-origin call stays a "simple" request (no preflight);
 * Sift logs no URLs. A missing or wrong token answers 404, like an unknown id.
 */
export function statusRoutes(deps: { db: Queryable; statusTokens: StatusTokens }): Router {
  const router = Router();
  router.get('/v1/comments/:id/status', async (req, res) => {
    const id = idParam(req.params.id, 'No comment with this id and token');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    res.set('Cache-Control', 'no-store');
    res.json(await getCommenterStatus(deps, id, token));
  });
  return router;
}
