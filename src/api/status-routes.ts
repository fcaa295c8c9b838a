import { Router } from 'express';
import { z } from 'zod';
import { getCommenterStatus, type StatusTokens } from '../comments/comment-status';
import type { Queryable } from '../db/pool';
import { error, json, rateLimited, type ApiOperation } from './openapi/operation';
import { commenterStatusSchema } from './openapi/schemas';
import { idParam, idSchema } from './validate';

const statusQuerySchema = z.object({
  token: z.string().meta({ description: 'The statusToken from the 202 of the POST that created the comment' }),
});

export const statusOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/comments/:id/status',
    operationId: 'getCommenterStatus',
    tag: 'public',
    access: 'public',
    summary: 'The commenter\'s view of their comment; held is shown to them as "awaiting moderation"',
    requestParams: { path: z.object({ id: idSchema }), query: statusQuerySchema },
    responses: {
      '200': json("The status, without moderators' reasons (rejected and spam both read not_published)", commenterStatusSchema),
      '404': error('No comment with this id, or a missing or wrong token'),
      '429': rateLimited('Too many reads from this client (READ_RATE_LIMIT)'),
      '503': error('Storage unavailable'),
    },
  },
];

/**
 * GET /v1/comments/:id/status?token=… — the commenter's own view of their comment, for the widget.
 * The token travels in the query so the cross-origin call stays a "simple" request (no preflight);
 * Sift logs no URLs. A missing or wrong token answers 404, like an unknown id.
 */
export function statusRoutes(deps: { db: Queryable; statusTokens: StatusTokens }): Router {
  const router = Router();
  router.get('/v1/comments/:id/status', async (req, res) => {
    const id = idParam(req.params.id, 'No comment with this id and token');
    const token = statusQuerySchema.safeParse(req.query).data?.token;
    res.set('Cache-Control', 'no-store');
    res.json(await getCommenterStatus(deps, id, token));
  });
  return router;
}
