import { Router } from 'express';
import { z } from 'zod';
import { readOrUnavailable } from '../comments/list-comments';
import type { Queryable } from '../db/pool';
import { surgeStats } from '../surge/surge-repository';
import { authenticated, type Authenticate } from './admin-auth';
import { parseQuery } from './validate';

const query = z.object({ hours: z.coerce.number().int('must be a whole number').min(1).max(24 * 90).default(24) });

/** GET /v1/moderation/surges: articles in surge mode now, and the surges of the last `hours`. */
export function surgeRoutes(deps: { db: Queryable; authenticate: Authenticate }): Router {
  const router = Router();
  router.get('/v1/moderation/surges', authenticated(deps.authenticate, 'moderator'), async (req, res) => {
    const { hours } = parseQuery(query, req.query);
    const to = new Date();
    const from = new Date(to.getTime() - hours * 3_600_000);
    res.json({ from: from.toISOString(), to: to.toISOString(), ...(await readOrUnavailable(() => surgeStats(deps.db, from, to))) });
  });
  return router;
}
