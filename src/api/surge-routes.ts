import { Router } from 'express';
import { z } from 'zod';
import type { Queryable } from '../db/pool';
import { surgeStats } from '../surge/surge-repository';
import { error, json, type ApiOperation } from './openapi/operation';
import { surgeReportSchema } from './openapi/schemas';
import type { RequireRole } from './require-role';
import { parseQuery } from './validate';

const query = z.object({
  hours: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(24 * 90)
    .default(24),
});

export const surgeOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/moderation/surges',
    operationId: 'listSurges',
    tag: 'moderation',
    access: 'moderator',
    summary: 'Articles in surge mode now, and surges started in the last `hours`',
    requestParams: { query },
    responses: { '200': json('Active and recent surges', surgeReportSchema), '400': error('Invalid hours') },
  },
];

/** GET /v1/moderation/surges: articles in surge mode now, and the surges of the last `hours`. */
export function surgeRoutes(deps: { db: Queryable; requireRole: RequireRole }): Router {
  const router = Router();
  router.get('/v1/moderation/surges', deps.requireRole('moderator'), async (req, res) => {
    const { hours } = parseQuery(query, req.query);
    const to = new Date();
    const from = new Date(to.getTime() - hours * 3_600_000);
    res.json({ from: from.toISOString(), to: to.toISOString(), ...(await surgeStats(deps.db, from, to)) });
  });
  return router;
}
