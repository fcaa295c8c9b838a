import { error, json } from './components';

const secured = { security: [{ bearer: [] }] };
const authErrors = { '401': error('Missing or wrong key') };

const decision = (summary: string, withReason: boolean) => ({
  post: {
    tags: ['moderation'],
    summary,
    ...secured,
    ...(withReason
      ? {
          requestBody: {
            required: false,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    reason: { type: 'string', maxLength: 1000 },
                    reasonCode: { type: 'string', enum: ['spam', 'offensive', 'abusive', 'off-topic', 'illegal', 'other'] },
                  },
                },
              },
            },
          },
        }
      : {}),
    responses: {
      '200': { description: 'The moderator view after the change', content: json('ModeratorComment') },
      ...authErrors,
      '404': error('No comment with this id'),
    },
  },
});

const adminErrors = { ...authErrors, '403': error('A moderator key on an admin endpoint') };
const moderatorIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const issuedKey = {
  description: 'The moderator and their key, shown only in this answer',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['id', 'name', 'apiKey'],
        properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, apiKey: { type: 'string' } },
      },
    },
  },
};

/** Moderators as admins manage them (src/moderation/moderator-keys.ts): never a key or its hash. */
export const moderatorSchemas = {
  ModeratorAccount: {
    type: 'object',
    required: ['id', 'name', 'active', 'createdAt', 'keyIssuedAt', 'keyLastUsedAt', 'revokedAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      active: { type: 'boolean', description: 'false once the key is revoked (until a new key is issued)' },
      createdAt: { type: 'string', format: 'date-time' },
      keyIssuedAt: { type: 'string', format: 'date-time' },
      keyLastUsedAt: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        description: 'When the current key was last used; updated at most once a minute',
      },
      revokedAt: { type: 'string', format: 'date-time', nullable: true },
    },
  },
};

export const moderationPaths = {
  '/v1/admin/moderators': {
    get: {
      tags: ['admin'],
      operationId: 'listModerators',
      summary: 'Every moderator, with when their key was issued and last used, and whether it is revoked',
      ...secured,
      responses: {
        '200': {
          description: 'The moderators, by name',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['moderators'],
                properties: { moderators: { type: 'array', items: { $ref: '#/components/schemas/ModeratorAccount' } } },
              },
            },
          },
        },
        ...adminErrors,
      },
    },
    post: {
      tags: ['admin'],
      operationId: 'createModerator',
      summary: 'Create a moderator; the key is shown once and stored only as a hash',
      ...secured,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } },
          },
        },
      },
      responses: {
        '201': issuedKey,
        '400': error('Invalid name'),
        ...adminErrors,
        '409': error('A moderator with this name exists'),
      },
    },
  },
  '/v1/admin/moderators/{id}': {
    parameters: [moderatorIdParameter],
    get: {
      tags: ['admin'],
      operationId: 'getModerator',
      summary: 'One moderator, with the audit trail of their key (created, key_issued, revoked: by whom, when)',
      ...secured,
      responses: {
        '200': {
          description: 'The moderator and their key history, oldest first',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/ModeratorAccount' },
                  {
                    type: 'object',
                    required: ['history'],
                    properties: {
                      history: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['action', 'by', 'at'],
                          properties: {
                            action: { type: 'string', enum: ['created', 'key_issued', 'revoked'] },
                            by: { type: 'string' },
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
        '404': error('No moderator with this id'),
      },
    },
  },
  '/v1/admin/moderators/{id}/key': {
    parameters: [moderatorIdParameter],
    post: {
      tags: ['admin'],
      operationId: 'issueModeratorKey',
      summary: 'Issue a new key for a moderator: the old key is refused from the next request on; lifts a revocation',
      ...secured,
      responses: { '201': issuedKey, ...adminErrors, '404': error('No moderator with this id') },
    },
  },
  '/v1/admin/moderators/{id}/revoke': {
    parameters: [moderatorIdParameter],
    post: {
      tags: ['admin'],
      operationId: 'revokeModeratorKey',
      summary: "Revoke a moderator's key: refused from the next request on (revoking again changes nothing)",
      ...secured,
      responses: {
        '200': { description: 'The moderator after the change', content: json('ModeratorAccount') },
        ...adminErrors,
        '404': error('No moderator with this id'),
      },
    },
  },
  '/v1/moderation/comments': {
    get: {
      tags: ['moderation'],
      summary: 'Comments for moderators, newest first unless order=oldest (or order=decided)',
      description:
        'Answers to a console session (cookie + X-CSRF-Token instead of a key) carry no authorEmail: the console asks ' +
        'GET /v1/moderation/comments/{id}/email when a moderator clicks for it.',
      ...secured,
      parameters: [
        { name: 'status', in: 'query', schema: { $ref: '#/components/schemas/Status' } },
        { name: 'articleId', in: 'query', schema: { type: 'string' } },
        {
          name: 'order',
          in: 'query',
          description: 'decided: approved, rejected and spam comments only, the most recently decided first',
          schema: { type: 'string', enum: ['newest', 'oldest', 'decided'], default: 'newest' },
        },
        {
          name: 'q',
          in: 'query',
          description: 'Text the body or the author name contains (case-insensitive, taken literally)',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        {
          name: 'decidedWithin',
          in: 'query',
          description: 'Only comments decided within this period (e.g. 24h, 7d)',
          schema: { type: 'string', pattern: '^\\d{1,4}[hd]$' },
        },
        { $ref: '#/components/parameters/limit' },
        { $ref: '#/components/parameters/cursor' },
      ],
      responses: {
        '200': {
          description: 'A page of comments and how many match the filter',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['comments', 'nextCursor', 'total'],
                properties: {
                  comments: { type: 'array', items: { $ref: '#/components/schemas/ModeratorComment' } },
                  nextCursor: { type: 'string', nullable: true },
                  total: { type: 'integer' },
                },
              },
            },
          },
        },
        '400': error('Invalid filter or cursor'),
        ...authErrors,
      },
    },
  },
  '/v1/moderation/comments/{id}': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    get: {
      tags: ['moderation'],
      summary: 'One comment, moderator view',
      ...secured,
      responses: {
        '200': { description: 'The moderator view', content: json('ModeratorComment') },
        ...authErrors,
        '404': error('No comment with this id'),
      },
    },
  },
  '/v1/moderation/comments/{id}/email': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    get: {
      tags: ['moderation'],
      summary: "The author's email address, when a moderator asks for it (logged, without the address)",
      ...secured,
      responses: {
        '200': {
          description: 'The address',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['commentId', 'authorEmail'],
                properties: { commentId: { type: 'string', format: 'uuid' }, authorEmail: { type: 'string' } },
              },
            },
          },
        },
        ...authErrors,
        '404': error('No comment with this id'),
      },
    },
  },
  '/v1/moderation/comments/{id}/author': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    get: {
      tags: ['moderation'],
      summary: "The author's other comments (same email, by its keyed hash) and how they were decided; no address",
      ...secured,
      responses: {
        '200': {
          description: 'Counts per status and the latest 20 other comments, newest first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['commentId', 'authorName', 'byStatus', 'others'],
                properties: {
                  commentId: { type: 'string', format: 'uuid' },
                  authorName: { type: 'string' },
                  byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
                  others: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'articleId', 'body', 'status', 'decidedBy', 'createdAt'],
                      properties: {
                        id: { type: 'string', format: 'uuid' },
                        articleId: { type: 'string' },
                        body: { type: 'string' },
                        status: { $ref: '#/components/schemas/Status' },
                        decidedBy: { type: 'string', nullable: true },
                        createdAt: { type: 'string', format: 'date-time' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...authErrors,
        '404': error('No comment with this id'),
      },
    },
  },
  '/v1/moderation/comments/{id}/approve': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    ...decision('Approve (public from now on); also teaches the spam filter "not spam"', false),
  },
  '/v1/moderation/comments/{id}/reject': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    ...decision('Reject, with an optional reason kept in the audit trail', true),
  },
  '/v1/moderation/comments/{id}/spam': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    ...decision('Mark as spam; also teaches the spam filter', false),
  },
};
