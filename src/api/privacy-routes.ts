import { Router } from 'express';
import { z } from 'zod';
import { eraseAuthor, exportPersonalData, type PrivacyDeps } from '../privacy/privacy-requests';
import { requireJson } from './error-middleware';
import { principalOf, type RequireRole } from './require-role';
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
export function privacyRoutes(deps: PrivacyDeps & { requireRole: RequireRole }): Router {
  const router = Router();
  const admin = deps.requireRole('admin');

  router.post('/v1/admin/privacy/export', admin, requireJson, async (req, res) => {
    const { email } = parseInput(exportSchema, req.body ?? {}, 'body');
    res.set('Cache-Control', 'no-store');
    res.json(await exportPersonalData(deps, email, principalOf(res).name));
  });

  router.post('/v1/admin/privacy/erase', admin, requireJson, async (req, res) => {
    const request = parseInput(eraseSchema, req.body ?? {}, 'body');
    res.json(await eraseAuthor(deps, request, principalOf(res).name));
  });

  return router;
}
