import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/pool';
import { WEBHOOK_EVENTS } from '../webhooks/events';
import {
  createWebhook,
  deleteWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhooks,
  replayDelivery,
} from '../webhooks/manage-webhooks';
import type { SecretBox } from '../webhooks/secret-box';
import { createsAtomically, requireJson } from './error-middleware';
import type { RequireRole } from './require-role';
import { idParam, parseInput, parseQuery } from './validate';

export interface WebhookRouteDeps {
  db: Db;
  secretBox: SecretBox;
  allowPrivate: boolean;
  requireRole: RequireRole;
}

const webhookSchema = z.object({
  url: z
    .string()
    .max(2000)
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// URL'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'must name at least one event').max(WEBHOOK_EVENTS.length * 2),
  secret: z.string().regex(/^[\x21-\x7e]{16,200}$/, 'must be 16-200 visible ASCII characters').optional(),
  description: z.string().trim().max(200).nullish(),
});

const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  before: z.string().max(200).optional(),
});

const uuid = (raw: unknown, what: string) => idParam(raw, `No ${what} with this id`);

/** Admin endpoints for webhooks: register, list, delete, read the delivery log, replay a delivery. */
export function webhookRoutes(deps: WebhookRouteDeps): Router {
  const router = Router();
  const admin = deps.requireRole('admin');

  router.post('/v1/admin/webhooks', createsAtomically, admin, requireJson, async (req, res) => {
    const input = parseInput(webhookSchema, req.body ?? {}, 'body');
    const created = await createWebhook(deps, input);
    res.status(201).json(created);
  });

  router.get('/v1/admin/webhooks', admin, async (_req, res) => {
    res.json(await listWebhooks(deps));
  });

  router.delete('/v1/admin/webhooks/:id', admin, async (req, res) => {
    await deleteWebhook(deps, uuid(req.params.id, 'webhook'));
    res.status(204).end();
  });

  router.get('/v1/admin/webhooks/:id/deliveries', admin, async (req, res) => {
    const query = parseQuery(deliveriesQuery, req.query);
    res.json(await listWebhookDeliveries(deps, uuid(req.params.id, 'webhook'), query));
  });

  router.get('/v1/admin/webhooks/:id/deliveries/:deliveryId', admin, async (req, res) => {
    res.json(await getWebhookDelivery(deps, uuid(req.params.id, 'webhook'), uuid(req.params.deliveryId, 'delivery')));
  });

  router.post('/v1/admin/webhooks/:id/deliveries/:deliveryId/replay', admin, async (req, res) => {
    res.status(202).json(await replayDelivery(deps, uuid(req.params.id, 'webhook'), uuid(req.params.deliveryId, 'delivery')));
  });

  return router;
}
