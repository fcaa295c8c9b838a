import { z } from 'zod';
import { banListQuerySchema, newBanSchema } from '../../moderation/bans/bans';
import { bulkSchema } from '../../moderation/bulk-moderate';
import { REASON_CODES } from '../../moderation/reason-codes';
import { statsQuerySchema } from '../../moderation/stats';
import { addTermsSchema } from '../../moderation/word-lists/word-lists';
import { error, json } from './components';

/** The newsroom's moderation tools (issue 7). Request bodies are generated from the zod schemas the API validates with. */

const fromZod = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: fromZod(schema) } } });
const secured = { security: [{ bearer: [] }] };
const auth = { '401': error('Missing or wrong key') };
const ok = (description: string, ref: string) => ({ '200': { description, content: json(ref) } });
const string = { type: 'string' };
const nullableString = { type: 'string', nullable: true };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const int = { type: 'integer' };
const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties });
const queryParams = (schema: z.ZodObject) =>
  Object.entries((fromZod(schema) as { properties: Record<string, unknown> }).properties).map(([name, s]) => ({ name, in: 'query', schema: s }));

const listParam = { name: 'list', in: 'path', required: true, schema: { type: 'string', enum: ['banned', 'suspect'] } };
const termParam = { name: 'term', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } };
const banIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const articleParam = { $ref: '#/components/parameters/articleId' };
const commentParam = { $ref: '#/components/parameters/commentId' };

export const newsroomSchemas = {
  ReasonCode: { type: 'string', enum: [...REASON_CODES] },
  DecisionLog: object({
    commentId: string,
    status: { $ref: '#/components/schemas/Status' },
    history: {
      type: 'array',
      items: object({
        at: dateTime,
        by: { type: 'string', description: "'auto', a moderator's name, or 'commenter' for the arrival" },
        from: nullableString,
        to: string,
        rule: { type: 'string', description: "the worker's rule (ban, banned-term, spam, profanity, suspect-term, borderline-spam, first-time-link, premoderation, trusted, clean), 'moderator' or 'intake'" },
        reason: nullableString,
        reasonCode: { ...nullableString, enum: [...REASON_CODES, null] },
        via: { ...nullableString, description: "'bulk' or 'ban' when the decision came from those tools" },
        scores: {
          type: 'object',
          nullable: true,
          properties: { spam: { type: 'number', nullable: true }, profaneTerms: { type: 'array', items: string } },
        },
      }),
    },
  }),
  BulkResult: object({
    action: string,
    succeeded: int,
    failed: int,
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'ok'],
        properties: { id: string, ok: { type: 'boolean' }, status: string, error: { $ref: '#/components/schemas/Error/properties/error' } },
      },
    },
  }),
  ModerationStats: object({
    from: dateTime,
    to: dateTime,
    queues: object({
      pending: int,
      held: int,
      oldestHeldAgeSeconds: { type: 'number', nullable: true },
      oldestPendingAgeSeconds: { type: 'number', nullable: true },
    }),
    rules: {
      type: 'array',
      items: object({
        rule: string,
        decisions: int,
        byStatus: object({ approved: int, held: int, rejected: int, spam: int }),
        reviewed: { ...int, description: 'decisions a moderator later acted on' },
        overturned: { ...int, description: 'reviewed decisions whose publish/not-publish outcome the moderator reversed' },
        overturnRate: { type: 'number', nullable: true, description: 'overturned / reviewed' },
      }),
    },
    moderators: object({
      decisions: int,
      byStatus: { type: 'object', additionalProperties: int },
      byReasonCode: { type: 'object', additionalProperties: int },
    }),
    surges: object({
      active: { type: 'array', items: { $ref: '#/components/schemas/Surge' } },
      started: int,
      recent: { type: 'array', items: { $ref: '#/components/schemas/Surge' } },
    }),
  }),
  WordLists: object({
    version: string,
    banned: { type: 'array', items: { $ref: '#/components/schemas/WordListTerm' } },
    suspect: { type: 'array', items: { $ref: '#/components/schemas/WordListTerm' } },
  }),
  WordListTerm: object({ term: string, addedBy: string, addedAt: dateTime }),
  Ban: object({
    id: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: ['email', 'ip'] },
    reason: nullableString,
    reasonCode: { ...nullableString, enum: [...REASON_CODES, null] },
    createdBy: string,
    createdAt: dateTime,
    expiresAt: nullableDateTime,
    liftedAt: nullableDateTime,
    liftedBy: nullableString,
    active: { type: 'boolean' },
  }),
  ArticleControls: object({
    articleId: string,
    closed: { type: 'boolean' },
    closedAt: nullableDateTime,
    autoClosesAt: nullableDateTime,
    premoderation: { type: 'boolean' },
    premoderationUntil: nullableDateTime,
    firstCommentAt: nullableDateTime,
  }),
};

const tagged = (summary: string, rest: Record<string, unknown>) => ({ tags: ['newsroom'], summary, ...secured, ...rest });

export const newsroomPaths = {
  '/v1/moderation/comments/{id}/history': {
    parameters: [commentParam],
    get: tagged('Decision log: every automatic and human decision on the comment, oldest first', {
      responses: { ...ok('The log', 'DecisionLog'), ...auth, '404': error('No comment with this id') },
    }),
  },
  '/v1/moderation/comments/bulk': {
    post: tagged('Approve, reject or mark spam up to 500 comments; each is audited and feeds the spam filter like a single action', {
      requestBody: body(bulkSchema),
      responses: { ...ok('One result per id', 'BulkResult'), '400': error('Invalid body'), ...auth },
    }),
  },
  '/v1/moderation/stats': {
    get: tagged('Queue sizes, oldest held age, decisions per rule and moderators\' overturns, over a period (default 7d)', {
      parameters: queryParams(statsQuerySchema as unknown as z.ZodObject),
      responses: { ...ok('The statistics', 'ModerationStats'), '400': error('Invalid period'), ...auth },
    }),
  },
  '/v1/moderation/word-lists': {
    get: tagged('The banned (reject) and suspect (hold) word lists', {
      responses: { ...ok('Both lists and their version', 'WordLists'), ...auth },
    }),
  },
  '/v1/moderation/word-lists/{list}/terms': {
    parameters: [listParam],
    post: tagged('Add terms ("idiot", "idiot*", "*head", "*word*"); applies to the next comment on every worker', {
      requestBody: body(addTermsSchema),
      responses: { ...ok('Both lists after the change', 'WordLists'), '400': error('Invalid term or list'), ...auth },
    }),
  },
  '/v1/moderation/word-lists/{list}/terms/{term}': {
    parameters: [listParam, termParam],
    delete: tagged('Remove a term (case-insensitive)', {
      responses: { ...ok('Both lists after the change', 'WordLists'), ...auth, '404': error('The term is not on the list') },
    }),
  },
  '/v1/moderation/bans': {
    get: tagged('Bans, newest first; filter by email or ip (matched by keyed hash), kind, active', {
      parameters: queryParams(banListQuerySchema),
      responses: {
        '200': { description: 'Bans', content: { 'application/json': { schema: object({ bans: { type: 'array', items: { $ref: '#/components/schemas/Ban' } } }) } } },
        '400': error('Invalid filter'),
        ...auth,
      },
    }),
    post: tagged('Ban an author (email) or a client (ip; admin key only), directly or via one of their comments; optionally reject their pending and held comments', {
      requestBody: body(newBanSchema),
      responses: {
        '201': {
          description: 'The ban, and the ids of the comments it rejected',
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: '#/components/schemas/Ban' }, object({ rejectedComments: { type: 'array', items: string } })] },
            },
          },
        },
        '400': error('Invalid body'),
        ...auth,
        '403': error('An IP ban with a moderator key'),
        '404': error('No comment with this id'),
      },
    }),
  },
  '/v1/moderation/bans/{id}': {
    parameters: [banIdParam],
    delete: tagged('Lift a ban (IP bans: admin key only)', {
      responses: { ...ok('The lifted ban', 'Ban'), ...auth, '403': error('An IP ban with a moderator key'), '404': error('No ban with this id') },
    }),
  },
  '/v1/moderation/articles/{articleId}': {
    parameters: [articleParam],
    get: tagged("An article's controls: closed, auto-close time, pre-moderation", {
      responses: { ...ok('The controls', 'ArticleControls'), '400': error('Invalid article id'), ...auth },
    }),
  },
  '/v1/moderation/articles/{articleId}/close': {
    parameters: [articleParam],
    post: tagged('Close commenting: posting answers 409 comments_closed', {
      responses: { ...ok('The controls after the change', 'ArticleControls'), ...auth },
    }),
  },
  '/v1/moderation/articles/{articleId}/reopen': {
    parameters: [articleParam],
    post: tagged('Reopen commenting; also exempts the article from auto-close', {
      responses: { ...ok('The controls after the change', 'ArticleControls'), ...auth },
    }),
  },
  '/v1/moderation/articles/{articleId}/premoderation': {
    parameters: [articleParam],
    put: tagged('Switch pre-moderation on (optionally until a time) or off: every comment not rejected or spam is held', {
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' }, until: nullableDateTime } },
          },
        },
      },
      responses: { ...ok('The controls after the change', 'ArticleControls'), '400': error('Invalid body'), ...auth },
    }),
  },
};
