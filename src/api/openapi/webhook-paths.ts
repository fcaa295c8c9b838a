import { error, json } from './components';
import { WEBHOOK_EVENTS } from '../../webhooks/events';

const secured = { security: [{ bearer: [] }] };
const adminErrors = { '401': error('Missing or wrong key'), '403': error('A moderator key on an admin endpoint') };
const webhookId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const deliveryId = { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** Admin webhooks (src/api/webhook-routes.ts); the signature is described in the README. */
export const webhookPaths = {
  '/v1/admin/webhooks': {
    post: {
      tags: ['admin'],
      summary: 'Register a webhook; the signing secret is answered once (generated when not given)',
      ...secured,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['url', 'events'],
              properties: {
                url: { type: 'string', format: 'uri', maxLength: 2000 },
                events: { type: 'array', minItems: 1, items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
                secret: { type: 'string', minLength: 16, maxLength: 200 },
                description: { type: 'string', maxLength: 200, nullable: true },
              },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'Created; `secret` is never shown again',
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: '#/components/schemas/Webhook' }, { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } } }] },
            },
          },
        },
        '400': error('Invalid field; webhook_url_refused when the URL resolves to a private address'),
        ...adminErrors,
      },
    },
    get: {
      tags: ['admin'],
      summary: 'The webhooks (without their secrets)',
      ...secured,
      responses: {
        '200': {
          description: 'Webhooks',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['webhooks'], properties: { webhooks: { type: 'array', items: { $ref: '#/components/schemas/Webhook' } } } },
            },
          },
        },
        ...adminErrors,
      },
    },
  },
  '/v1/admin/webhooks/{id}': {
    parameters: [webhookId],
    delete: {
      tags: ['admin'],
      summary: 'Stop sending to a webhook; its delivery log is kept',
      ...secured,
      responses: { '204': { description: 'Deleted' }, ...adminErrors, '404': error('No webhook with this id') },
    },
  },
  '/v1/admin/webhooks/{id}/deliveries': {
    parameters: [webhookId],
    get: {
      tags: ['admin'],
      summary: 'The delivery log, newest first',
      ...secured,
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] } },
        { $ref: '#/components/parameters/limit' },
        { name: 'before', in: 'query', schema: { type: 'string' }, description: 'nextBefore of the previous page' },
      ],
      responses: {
        '200': {
          description: 'A page of deliveries',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['deliveries', 'nextBefore'],
                properties: {
                  deliveries: { type: 'array', items: { $ref: '#/components/schemas/WebhookDelivery' } },
                  nextBefore: { type: 'string', nullable: true },
                },
              },
            },
          },
        },
        '400': error('Invalid query'),
        ...adminErrors,
        '404': error('No webhook with this id'),
      },
    },
  },
  '/v1/admin/webhooks/{id}/deliveries/{deliveryId}': {
    parameters: [webhookId, deliveryId],
    get: {
      tags: ['admin'],
      summary: 'One delivery with its payload and every attempt',
      ...secured,
      responses: {
        '200': {
          description: 'The delivery',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/WebhookDelivery' },
                  {
                    type: 'object',
                    properties: {
                      payload: { type: 'object' },
                      attemptLog: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            attempt: { type: 'integer' },
                            statusCode: { type: 'integer', nullable: true },
                            error: { type: 'string', nullable: true },
                            durationMs: { type: 'integer' },
                            at: { type: 'string', format: 'date-time' },
                          },
                        },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        ...adminErrors,
        '404': error('No such delivery for this webhook'),
      },
    },
  },
  '/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay': {
    parameters: [webhookId, deliveryId],
    post: {
      tags: ['admin'],
      summary: 'Send the event again as a new delivery (same payload and event id)',
      ...secured,
      responses: {
        '202': { description: 'The new delivery, queued by the worker', content: json('WebhookDelivery') },
        ...adminErrors,
        '404': error('No such delivery for this webhook'),
      },
    },
  },
};

export const webhookSchemas = {
  Webhook: {
    type: 'object',
    required: ['id', 'url', 'events', 'description', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      url: { type: 'string' },
      events: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
      description: { type: 'string', nullable: true },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  WebhookDelivery: {
    type: 'object',
    required: ['id', 'webhookId', 'eventId', 'event', 'status', 'attempts', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Also sent as the Sift-Delivery header' },
      webhookId: { type: 'string', format: 'uuid' },
      eventId: { type: 'string', description: "The payload's id, as the receiver gets it: the same on every retry and replay" },
      event: { type: 'string', enum: [...WEBHOOK_EVENTS] },
      status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
      attempts: { type: 'integer' },
      lastStatusCode: { type: 'integer', nullable: true },
      lastError: { type: 'string', nullable: true },
      replayOf: { type: 'string', format: 'uuid', nullable: true },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      deliveredAt: { type: 'string', format: 'date-time', nullable: true },
    },
  },
};
