import { Router, type RequestHandler } from 'express';
import { getPublicComment, listPublicComments, type ReadDeps } from '../comments/list-comments';
import { submitComment, type SubmitDeps } from '../comments/submit-comment';
import { articleIdSchema, idempotencyKeySchema, newCommentSchema, pageQuerySchema } from '../comments/comment-schemas';
import type { StatusTokens } from '../comments/comment-status';
import type { ListCache } from '../comments/list-cache';
import { createsAtomically, requireJson } from './error-middleware';
import { fromLocals } from './locals';
import { sendCachedPage } from './public-cache';
import { idParam, parseInput, parseQuery } from './validate';

export interface PublicRouteDeps extends SubmitDeps, ReadDeps {
  statusTokens: StatusTokens;
  listCache: ListCache;
  limiters: { perIp: RequestHandler; perAuthor: RequestHandler };
}

/** The widget's endpoints: post a comment, read an article's approved comments, read one. */
export function publicRoutes(deps: PublicRouteDeps): Router {
  const router = Router();

  const parseComment: RequestHandler = (req, res, next) => {
    const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
    const comment = parseInput(newCommentSchema, req.body ?? {}, 'body');
    const key = req.get('Idempotency-Key');
    res.locals.submission = {
      articleId,
      comment,
      // Computed once: the per-author posting limit and the stored row both key on it.
      authorEmailHash: deps.secrets.emailHash(comment.authorEmail),
      idempotencyKey: key === undefined ? null : parseInput(idempotencyKeySchema, key, 'Idempotency-Key'),
    };
    next();
  };

  router.post('/v1/articles/:articleId/comments', createsAtomically, deps.limiters.perIp, requireJson, parseComment, deps.limiters.perAuthor, async (req, res) => {
    const accepted = await submitComment(deps, { ...fromLocals(res.locals.submission, 'submission'), clientIp: req.ip ?? null });
    // The token is derived, not stored, so the idempotent replay (stored answer) gets it too.
    res.status(202).location(`/v1/comments/${accepted.id}`).json({ ...accepted, statusToken: deps.statusTokens.issue(accepted.id) });
  });

  router.get('/v1/articles/:articleId/comments', async (req, res) => {
    const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
    const page = parseQuery(pageQuerySchema, req.query);
    const built = await deps.listCache.page(articleId, `${page.limit}|${page.cursor ?? ''}`, (readDb) =>
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
