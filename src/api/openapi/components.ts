import { z } from 'zod';
import { newCommentSchema } from '../../comments/comment-schemas';

/** Shared schemas. The comment body schema is generated from the same zod schema the API validates with. */
export const components = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY or a moderator key' },
  },
  parameters: {
    articleId: {
      name: 'articleId',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[A-Za-z0-9._~:-]{1,200}$' },
    },
    commentId: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
    cursor: { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
  },
  schemas: {
    NewComment: z.toJSONSchema(newCommentSchema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }),
    Accepted: {
      type: 'object',
      required: ['id', 'articleId', 'status', 'createdAt'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        articleId: { type: 'string' },
        status: { type: 'string', enum: ['pending'] },
        createdAt: { type: 'string', format: 'date-time' },
        statusToken: {
          type: 'string',
          description: 'For GET /v1/comments/{id}/status?token=…; the same on an Idempotency-Key replay',
        },
      },
    },
    PublicComment: {
      type: 'object',
      required: ['id', 'parentId', 'authorName', 'body', 'createdAt'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        parentId: { type: 'string', format: 'uuid', nullable: true },
        authorName: { type: 'string' },
        body: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    CommentPage: {
      type: 'object',
      required: ['articleId', 'total', 'comments', 'nextCursor'],
      properties: {
        articleId: { type: 'string' },
        total: { type: 'integer' },
        comments: { type: 'array', items: { $ref: '#/components/schemas/PublicComment' } },
        nextCursor: { type: 'string', nullable: true },
      },
    },
    Checks: {
      type: 'object',
      nullable: true,
      required: ['spam', 'profanity'],
      properties: {
        spam: {
          type: 'object',
          required: ['isSpam', 'score', 'reasons'],
          properties: {
            isSpam: { type: 'boolean' },
            score: { type: 'number', minimum: 0, maximum: 1 },
            reasons: { type: 'array', items: { type: 'string' } },
          },
        },
        profanity: {
          type: 'object',
          required: ['isProfane', 'terms'],
          properties: {
            isProfane: { type: 'boolean' },
            terms: { type: 'array', items: { type: 'string' } },
            reasons: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    ModeratorComment: {
      allOf: [
        { $ref: '#/components/schemas/PublicComment' },
        {
          type: 'object',
          required: ['articleId', 'authorEmail', 'status', 'decidedBy', 'decidedAt', 'checks'],
          properties: {
            articleId: { type: 'string' },
            authorEmail: {
              type: 'string',
              format: 'email',
              nullable: true,
              description: 'null when it was encrypted under a SECRET_KEY the server does not have; see authorEmailUnavailable',
            },
            authorEmailUnavailable: {
              type: 'string',
              description: 'Present only when authorEmail is null: why, and the fix (SECRET_KEYS_PREVIOUS, then npm run rotate-keys)',
            },
            status: { $ref: '#/components/schemas/Status' },
            decidedBy: { type: 'string', nullable: true, description: '"auto", a moderator\'s name, or null' },
            decidedAt: { type: 'string', format: 'date-time', nullable: true },
            checks: { $ref: '#/components/schemas/Checks' },
          },
        },
      ],
    },
    Status: { type: 'string', enum: ['pending', 'approved', 'held', 'rejected', 'spam'] },
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  },
} as const;

export const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

/** An error response in the contract's shape. */
export const error = (description: string) => ({ description, content: json('Error') });

/** A 429 with its Retry-After: posting (RATE_LIMIT) and reading (READ_RATE_LIMIT) are limited per client. */
export const rateLimited = (description: string) => ({
  ...error(description),
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
});
