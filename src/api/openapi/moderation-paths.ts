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

export const moderationPaths = {
  '/v1/admin/moderators': {
    post: {
      tags: ['admin'],
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
        '201': {
          description: 'Created',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'name', 'apiKey'],
                properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, apiKey: { type: 'string' } },
              },
            },
          },
        },
        '400': error('Invalid name'),
        ...authErrors,
        '403': error('A moderator key on an admin endpoint'),
        '409': error('A moderator with this name exists'),
      },
    },
  },
  '/v1/moderation/comments': {
    get: {
      tags: ['moderation'],
      summary: 'Comments for moderators, newest first unless order=oldest',
      ...secured,
      parameters: [
        { name: 'status', in: 'query', schema: { $ref: '#/components/schemas/Status' } },
        { name: 'articleId', in: 'query', schema: { type: 'string' } },
        { name: 'order', in: 'query', schema: { type: 'string', enum: ['newest', 'oldest'], default: 'newest' } },
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
