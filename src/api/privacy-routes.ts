import { Router } from 'express';
import { z } from 'zod';
import { eraseAuthor, exportPersonalData, type PrivacyDeps } from '../privacy/privacy-requests';
import { authenticated, principalOf, type Authenticate } from './admin-auth';
import { requireJson } from './error-middleware';
import { parseInput } from './validate';

const emailSchema = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address'));
const exportSchema = z.object({ email: emailSchema });
const eraseSchema = z.object({
  email: emailSchema,
  mode: z.enum(['anonymise', 'remove']),
  body: z.enum(['keep', 'remove']).default('keep'),
});

/**
 * Admin endpoints for privacy requests. The address travels in the JSON body, never in the URL, so
 * no access log or proxy records it.
 */
export function privacyRoutes(deps: PrivacyDeps & { authenticate: Authenticate }): Router {
  const router = Router();
  router.use('/v1/admin/privacy', authenticated(deps.authenticate, 'admin'));

  router.post('/v1/admin/privacy/export', requireJson, async (req, res) => {
    const { email } = parseInput(exportSchema, req.body ?? {}, 'body');
    res.set('Cache-Control', 'no-store');
    res.json(await exportPersonalData(deps, email, principalOf(res).name));
  });

  router.post('/v1/admin/privacy/erase', requireJson, async (req, res) => {
    const request = parseInput(eraseSchema, req.body ?? {}, 'body');
    res.json(await eraseAuthor(deps, request, principalOf(res).name));
  });

  return router;
}
