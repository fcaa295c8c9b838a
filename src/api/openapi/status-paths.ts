import { error, rateLimited } from './components';

/** The commenter's status endpoint (src/api/status-routes.ts). */
export const statusPaths = {
  '/v1/comments/{id}/status': {
    parameters: [
      { $ref: '#/components/parameters/commentId' },
      {
        name: 'token',
        in: 'query',
        required: true,
        schema: { type: 'string' },
        description: 'The statusToken from the 202 of the POST that created the comment',
      },
    ],
    get: {
      tags: ['public'],
      summary: "The commenter's view of their comment; held is shown to them as \"awaiting moderation\"",
      responses: {
        '200': {
          description: 'The status, without moderators\' reasons (rejected and spam both read not_published)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'status'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  status: { type: 'string', enum: ['pending', 'approved', 'held', 'not_published'] },
                },
              },
            },
          },
        },
        '404': error('No comment with this id, or a missing or wrong token'),
        '429': rateLimited('Too many reads from this client (READ_RATE_LIMIT)'),
        '503': error('Storage unavailable'),
      },
    },
  },
};

export const surgePaths = {
  '/v1/moderation/surges': {
    get: {
      tags: ['moderation'],
      summary: 'Articles in surge mode now, and surges started in the last `hours`',
      security: [{ bearer: [] }],
      parameters: [{ name: 'hours', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 2160, default: 24 } }],
      responses: {
        '200': {
          description: 'Active and recent surges',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['from', 'to', 'active', 'started', 'recent'],
                properties: {
                  from: { type: 'string', format: 'date-time' },
                  to: { type: 'string', format: 'date-time' },
                  active: { type: 'array', items: { $ref: '#/components/schemas/Surge' } },
                  started: { type: 'integer' },
                  recent: { type: 'array', items: { $ref: '#/components/schemas/Surge' } },
                },
              },
            },
          },
        },
        '400': error('Invalid hours'),
        '401': error('Missing or wrong key'),
      },
    },
  },
};

export const surgeSchemas = {
  Surge: {
    type: 'object',
    required: ['articleId', 'trigger', 'comments', 'spamRate', 'startedAt', 'until', 'active'],
    properties: {
      articleId: { type: 'string' },
      trigger: { type: 'string', enum: ['volume', 'spam_rate'] },
      comments: { type: 'integer', description: 'Comments in the window when it started' },
      spamRate: { type: 'number', nullable: true },
      startedAt: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time', description: 'Pre-moderation ends by itself then' },
      active: { type: 'boolean' },
    },
  },
};
