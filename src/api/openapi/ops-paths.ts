export const opsPaths = {
  '/healthz': {
    get: { tags: ['operations'], summary: 'The process is up', responses: { '200': { description: 'Up' } } },
  },
  '/readyz': {
    get: {
      tags: ['operations'],
      summary: 'Ready to accept comments (PostgreSQL answers); reports Redis too',
      responses: {
        '200': { description: 'Ready', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
        '503': { description: 'PostgreSQL is down', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
      },
    },
  },
  '/metrics': {
    get: {
      tags: ['operations'],
      summary: 'Prometheus metrics',
      description:
        'They show moderators\' and admins\' activity live, so the API port serves them only with ' +
        '`Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN set, 404 (METRICS_PORT serves them on a port of their own).',
      responses: {
        '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } },
        '401': { description: 'METRICS_TOKEN is set and the request does not carry it', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '404': { description: 'No METRICS_TOKEN is set: not served on this port', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
  '/openapi.json': {
    get: { tags: ['operations'], summary: 'This document', responses: { '200': { description: 'OpenAPI 3.0' } } },
  },
};

export const opsSchemas = {
  Readiness: {
    type: 'object',
    required: ['postgres', 'redis'],
    properties: {
      postgres: { type: 'string', enum: ['up', 'down'] },
      redis: { type: 'string', enum: ['up', 'down'] },
    },
  },
};
