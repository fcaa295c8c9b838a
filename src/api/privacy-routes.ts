import { Router } from 'express';
import { z } from 'zod';
import { eraseAuthor, exportPersonalData, type PrivacyDeps } from '../privacy/privacy-requests';
import { requireJson } from './error-middleware';
import { principalOf, type RequireRole } from './require-role';
import { body, error, json, type ApiOperation } from './openapi/operation';
import { parseInput } from './validate';

const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'))
  .meta({ format: 'email' });
const exportSchema = z.object({ email: emailSchema });
const eraseSchema = z.object({
  email: emailSchema,
  mode: z.enum(['anonymise', 'remove']),
  body: z.enum(['keep', 'remove']).default('keep').meta({ description: 'For anonymise: keep the text, or remove it too' }),
});

const dateTime = z.iso.datetime();
const counted = z.int().min(0);

export const privacyOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/admin/privacy/export',
    operationId: 'exportPersonalData',
    tag: 'admin',
    access: 'admin',
    summary: 'Everything Sift holds about an email address, as JSON (audited without the address)',
    requestBody: body(exportSchema),
    responses: {
      '200': json(
        "The author's comments with statuses, history and timestamps, email bans, and the notices of illegal content the address sent",
        z.object({
          requestId: z.uuid(),
          generatedAt: dateTime,
          comments: z.array(z.record(z.string(), z.unknown())),
          bans: z.array(z.record(z.string(), z.unknown())),
          notices: z.array(z.record(z.string(), z.unknown())),
        }),
      ),
      '400': error('Invalid email'),
    },
  },
  {
    method: 'post',
    path: '/v1/admin/privacy/erase',
    operationId: 'eraseAuthor',
    tag: 'admin',
    access: 'admin',
    summary: 'Erase an author: comments anonymised or removed, address, its hash and IP hashes deleted',
    requestBody: body(eraseSchema),
    responses: {
      '200': json(
        'What was erased (counts only)',
        z.object({
          requestId: z.uuid(),
          mode: z.enum(['anonymise', 'remove']),
          comments: counted,
          spamFeedback: counted.optional(),
          webhookDeliveries: counted.optional(),
          bans: counted.optional(),
          notices: counted.optional().meta({ description: "Notices the address sent: the sender's details removed, the reports kept" }),
        }),
      ),
      '400': error('Invalid field'),
    },
  },
];

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
