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
import { body, error, json, type ApiOperation } from './openapi/operation';
import { webhookDeliveryDetailSchema, webhookDeliverySchema, webhookViewSchema } from './openapi/schemas';
import { idParam, idSchema, parseInput, parseQuery } from './validate';

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
    }, 'must be an http:// or https:// URL')
    .meta({ description: 'An http:// or https:// URL; refused (webhook_url_refused) when it resolves to a private address' }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, 'must name at least one event')
    .max(WEBHOOK_EVENTS.length * 2),
  secret: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, 'must be 16-200 visible ASCII characters')
    .optional(),
  description: z.string().trim().max(200).nullish(),
});

const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  before: z.string().max(200).optional().meta({ description: 'nextBefore of the previous page' }),
});

const webhookPath = z.object({ id: idSchema });
const deliveryPath = webhookPath.extend({ deliveryId: idSchema });
const noWebhook = error('No webhook with this id');
const noDelivery = error('No such delivery for this webhook');

export const webhookOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/admin/webhooks',
    operationId: 'createWebhook',
    tag: 'admin',
    access: 'admin',
    summary: 'Register a webhook; the signing secret is answered once (generated when not given)',
    requestBody: body(webhookSchema),
    responses: {
      '201': json('Created; `secret` is never shown again', webhookViewSchema.extend({ secret: z.string() })),
      '400': error('Invalid field; webhook_url_refused when the URL resolves to a private address'),
      '503': error('Storage unavailable; nothing was stored'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/webhooks',
    operationId: 'listWebhooks',
    tag: 'admin',
    access: 'admin',
    summary: 'The webhooks (without their secrets)',
    responses: { '200': json('Webhooks', z.object({ webhooks: z.array(webhookViewSchema) })) },
  },
  {
    method: 'delete',
    path: '/v1/admin/webhooks/:id',
    operationId: 'deleteWebhook',
    tag: 'admin',
    access: 'admin',
    summary: 'Stop sending to a webhook; its delivery log is kept',
    requestParams: { path: webhookPath },
    responses: { '204': { description: 'Deleted' }, '404': noWebhook },
  },
  {
    method: 'get',
    path: '/v1/admin/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    tag: 'admin',
    access: 'admin',
    summary: 'The delivery log, newest first',
    requestParams: { path: webhookPath, query: deliveriesQuery },
    responses: {
      '200': json('A page of deliveries', z.object({ deliveries: z.array(webhookDeliverySchema), nextBefore: z.string().nullable() })),
      '400': error('Invalid query'),
      '404': noWebhook,
    },
  },
  {
    method: 'get',
    path: '/v1/admin/webhooks/:id/deliveries/:deliveryId',
    operationId: 'getWebhookDelivery',
    tag: 'admin',
    access: 'admin',
    summary: 'One delivery with its payload and every attempt',
    requestParams: { path: deliveryPath },
    responses: { '200': json('The delivery', webhookDeliveryDetailSchema), '404': noDelivery },
  },
  {
    method: 'post',
    path: '/v1/admin/webhooks/:id/deliveries/:deliveryId/replay',
    operationId: 'replayWebhookDelivery',
    tag: 'admin',
    access: 'admin',
    summary: 'Send the event again as a new delivery (same payload and event id)',
    requestParams: { path: deliveryPath },
    responses: { '202': json('The new delivery, queued by the worker', webhookDeliverySchema), '404': noDelivery },
  },
];

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
