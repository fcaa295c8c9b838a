import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { getPublicComment, listPublicComments, type ReadDeps } from '../comments/list-comments';
import { submitComment, type SubmitDeps } from '../comments/submit-comment';
import {
  articleIdSchema,
  idempotencyKeySchema,
  newCommentSchema,
  publicPageQuerySchema,
  signedInCommentSchema,
} from '../comments/comment-schemas';
import { AppError } from '../errors';
import type { SsoVerifier } from '../identity/sso';
import type { StatusTokens } from '../comments/comment-status';
import type { ListCache } from '../comments/list-cache';
import { createsAtomically, requireJson } from './error-middleware';
import { fromLocals } from './locals';
import { sendCachedPage } from './public-cache';
import { body, error, json, rateLimited, type ApiOperation } from './openapi/operation';
import { acceptedSchema, commentPageSchema, publicCommentSchema } from './openapi/schemas';
import { idParam, idSchema, parseInput, parseQuery } from './validate';

export interface PublicRouteDeps extends SubmitDeps, ReadDeps {
  statusTokens: StatusTokens;
  listCache: ListCache;
  limiters: { perIp: RequestHandler; perAuthor: RequestHandler };
  /** Verifies signed-in readers' tokens; null when the site has configured no SSO key. */
  sso: SsoVerifier | null;
}

const articlePath = z.object({ articleId: articleIdSchema });
const readLimited = rateLimited('Too many reads from this client (READ_RATE_LIMIT)');

/** The document's view of the routes below (src/api/openapi.ts); requests name the schemas the handlers parse with. */
export const publicOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/articles/:articleId/comments',
    operationId: 'submitComment',
    tag: 'public',
    access: 'publicOrReader',
    summary: 'Submit a comment; it is committed as pending and queued for the checks',
    description:
      'Anonymous (no Authorization header): `authorName` and `authorEmail` in the body. A reader signed in to the site ' +
      "sends `Authorization: Bearer <JWT>` (the widget's `data-sso-token`): the name, address and badge come from the " +
      'token and the body needs only `body` (authorName and authorEmail, if sent, are ignored). `notifyReplies: true` ' +
      'asks for an email when a reply to this comment is approved.',
    requestParams: {
      path: articlePath,
      header: z.object({
        'Idempotency-Key': idempotencyKeySchema.optional().meta({
          description: 'Same key and body again: the first answer, nothing created. Same key, other body: 422.',
        }),
      }),
    },
    requestBody: body(z.union([newCommentSchema, signedInCommentSchema.omit({ authorName: true, authorEmail: true })])),
    responses: {
      '202': {
        ...json('Committed in PostgreSQL as pending', acceptedSchema),
        headers: z.object({ Location: z.string().meta({ description: '/v1/comments/{id}' }) }),
      },
      '400': error('Invalid field, malformed JSON or invalid parentId; sso_not_configured: a token was sent but this Sift has no SSO key'),
      '409': error('comments_closed'),
      '413': error('Body too large'),
      '415': error('Not JSON'),
      '422': error('Idempotency-Key reused with a different body'),
      '429': rateLimited('Rate limited (RATE_LIMIT)'),
      '503': error("Storage unavailable, or sso_unavailable: the site's key set (SSO_JWKS_URL) did not answer; nothing was stored"),
    },
  },
  {
    method: 'get',
    path: '/v1/articles/:articleId/comments',
    operationId: 'listComments',
    tag: 'public',
    access: 'public',
    summary: "Approved comments of an article, editors' picks first, then oldest first (or sort=newest|top)",
    description:
      'Cacheable: `Cache-Control: public, max-age=2, stale-while-revalidate=30`, an `ETag`, and `304 Not Modified` ' +
      'for a matching `If-None-Match`. Gzipped when the request accepts gzip (`Vary: Accept-Encoding`; each ' +
      'encoding has its own ETag). A decision that shows or hides a comment changes the page at once. ' +
      'sort=top: most recommended first, ties oldest first. Cursors are opaque, signed for one article and one order ' +
      "(another order's, or a malformed one: 400 invalid_cursor), good for 24 hours, and page the order as it stood " +
      'when the first page was read: no comment is repeated or skipped while recommendations and picks change. ' +
      'A recommendation counts in the order about 2 s after it is made.',
    requestParams: { path: articlePath, query: publicPageQuerySchema },
    responses: {
      '200': {
        ...json('A page of approved comments', commentPageSchema),
        headers: z.object({
          ETag: z.string().meta({ description: 'Validator of these bytes (gzipped ones end in `-gz"`)' }),
          'Cache-Control': z.string(),
        }),
      },
      '304': { description: 'The page is unchanged since the ETag given in If-None-Match' },
      '400': error('Invalid articleId, limit, sort or cursor (invalid_cursor: not a cursor this list in this order gave, or expired)'),
      '429': readLimited,
      '503': error('Storage unavailable'),
    },
  },
  {
    method: 'get',
    path: '/v1/comments/:id',
    operationId: 'getComment',
    tag: 'public',
    access: 'public',
    summary: 'One approved comment',
    requestParams: { path: z.object({ id: idSchema }) },
    responses: {
      '200': json('The public view', publicCommentSchema),
      '404': error('No approved comment with this id'),
      '429': readLimited,
      '503': error('Storage unavailable'),
    },
  },
];

/** The widget's endpoints: post a comment, read an article's approved comments, read one. */
export function publicRoutes(deps: PublicRouteDeps): Router {
  const router = Router();

  const parseComment: RequestHandler = async (req, res, next) => {
    const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
    const key = req.get('Idempotency-Key');
    const idempotencyKey = key === undefined ? null : parseInput(idempotencyKeySchema, key, 'Idempotency-Key');
    const token = ssoToken(req.get('Authorization'));
    if (token === null) {
      const comment = parseInput(newCommentSchema, req.body ?? {}, 'body');
      // Computed once: the per-author posting limit and the stored row both key on it.
      res.locals.submission = {
        articleId,
        comment,
        authorEmailHash: deps.secrets.emailHash(comment.authorEmail),
        idempotencyKey,
        reader: null,
      };
      return next();
    }
    if (!deps.sso) {
      throw new AppError(
        'sso_not_configured',
        400,
        'This Sift has no sign-in (SSO) key configured: post without an Authorization header, with authorName and authorEmail',
      );
    }
    const reader = await deps.sso.verify(token);
    const { body, parentId, notifyReplies } = parseInput(signedInCommentSchema, req.body ?? {}, 'body');
    res.locals.submission = {
      articleId,
      comment: { authorName: reader.name, authorEmail: reader.email, body, parentId, notifyReplies },
      // A signed-in reader's author key is their id at the site, not their address (sql/095).
      authorEmailHash: deps.secrets.readerHash(reader.subject),
      idempotencyKey,
      reader: { subject: reader.subject, badge: reader.badge },
    };
    next();
  };

  router.post(
    '/v1/articles/:articleId/comments',
    createsAtomically,
    deps.limiters.perIp,
    requireJson,
    parseComment,
    deps.limiters.perAuthor,
    async (req, res) => {
      const accepted = await submitComment(deps, { ...fromLocals(res.locals.submission, 'submission'), clientIp: req.ip ?? null });
      // The token is derived, not stored, so the idempotent replay (stored answer) gets it too.
      res
        .status(202)
        .location(`/v1/comments/${accepted.id}`)
        .json({ ...accepted, statusToken: deps.statusTokens.issue(accepted.id) });
    },
  );

  router.get('/v1/articles/:articleId/comments', async (req, res) => {
    const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
    const page = parseQuery(publicPageQuerySchema, req.query);
    const built = await deps.listCache.page(articleId, `${page.sort}|${page.limit}|${page.cursor ?? ''}`, (readDb) =>
      listPublicComments({ ...deps, readDb }, articleId, page),
    );
    sendCachedPage(req, res, built);
  });

  router.get('/v1/comments/:id', async (req, res) => {
    const id = idParam(req.params.id, 'No published comment with this id');
    res.json(await getPublicComment({ ...deps, primaryDb: deps.db }, id));
  });

  return router;
}

/** The SSO token of `Authorization: Bearer <JWT>`; null without the header; any other scheme is refused. */
function ssoToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new AppError('invalid_sso_token', 401, 'Sign-in token refused: the Authorization header must be "Bearer <JWT>"');
  return match[1];
}
