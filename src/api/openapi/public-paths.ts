import { error, json, rateLimited } from './components';

export const publicPaths = {
  '/v1/articles/{articleId}/comments': {
    parameters: [{ $ref: '#/components/parameters/articleId' }],
    post: {
      tags: ['public'],
      summary: 'Submit a comment; it is committed as pending and queued for the checks',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          schema: { type: 'string', maxLength: 255 },
          description: 'Same key and body again: the first answer, nothing created. Same key, other body: 422.',
        },
      ],
      requestBody: { required: true, content: json('NewComment') },
      responses: {
        '202': { description: 'Committed in PostgreSQL as pending', content: json('Accepted') },
        '400': error('Invalid field, malformed JSON or invalid parentId'),
        '409': error('comments_closed'),
        '413': error('Body too large'),
        '415': error('Not JSON'),
        '422': error('Idempotency-Key reused with a different body'),
        '429': rateLimited('Rate limited (RATE_LIMIT)'),
        '503': error('Storage unavailable; nothing was stored'),
      },
    },
    get: {
      tags: ['public'],
      summary: 'Approved comments of an article, oldest first',
      description:
        'Cacheable: `Cache-Control: public, max-age=2, stale-while-revalidate=30`, an `ETag`, and `304 Not Modified` ' +
        'for a matching `If-None-Match`. Gzipped when the request accepts gzip (`Vary: Accept-Encoding`; each ' +
        'encoding has its own ETag). A decision that shows or hides a comment changes the page at once.',
      parameters: [{ $ref: '#/components/parameters/limit' }, { $ref: '#/components/parameters/cursor' }],
      responses: {
        '200': {
          description: 'A page of approved comments',
          headers: {
            ETag: { schema: { type: 'string' }, description: 'Validator of these bytes (gzipped ones end in `-gz"`)' },
            'Cache-Control': { schema: { type: 'string' } },
          },
          content: json('CommentPage'),
        },
        '304': { description: 'The page is unchanged since the ETag given in If-None-Match' },
        '400': error('Invalid articleId, limit or cursor (invalid_cursor: not a cursor this list gave)'),
        '429': rateLimited('Too many reads from this client (READ_RATE_LIMIT)'),
        '503': error('Storage unavailable'),
      },
    },
  },
  '/v1/comments/{id}': {
    parameters: [{ $ref: '#/components/parameters/commentId' }],
    get: {
      tags: ['public'],
      summary: 'One approved comment',
      responses: {
        '200': { description: 'The public view', content: json('PublicComment') },
        '404': error('No approved comment with this id'),
        '429': rateLimited('Too many reads from this client (READ_RATE_LIMIT)'),
      },
    },
  },
};
