import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';
import { error, text, type ApiOperation } from './openapi/operation';
import type { Db } from '../db/pool';
import { unsubscribeAuthorOf } from '../notify/reply-notification-repository';
import type { UnsubscribeTokens } from '../notify/unsubscribe-tokens';
import { escapeHtml } from '../widget/demo-page';

/** The pages answer with HTML only, and run nothing: no script, no outside resource, forms back to themselves. */
const PAGE_CSP = "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const tokenQuery = z.object({
  token: z.string().meta({
    description: 'From the List-Unsubscribe link of a reply notification: `<commentId>.<HMAC>`, signed with a key derived from SECRET_KEY',
  }),
});

export const notificationOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/notifications/unsubscribe',
    operationId: 'showUnsubscribePage',
    tag: 'public',
    access: 'public',
    summary: 'Reply emails: a page asking the reader to confirm unsubscribing; changes nothing (mail scanners follow links)',
    requestParams: { query: tokenQuery },
    responses: {
      '200': text('The confirmation page, with a button that POSTs to the same URL', 'text/html'),
      '400': text('The token is missing or not valid (a page for a browser; the error shape otherwise)', 'text/html'),
    },
  },
  {
    method: 'post',
    path: '/v1/notifications/unsubscribe',
    operationId: 'unsubscribeFromReplies',
    tag: 'public',
    access: 'public',
    summary: "Reply emails: stop every one to the author of the token's comment (RFC 8058 one-click; idempotent)",
    description:
      "What a mail client's one-click unsubscribe sends (`List-Unsubscribe=One-Click`, form-encoded) and what the " +
      "confirmation page's button sends; the body is not needed. Turns off notifications on all of that author's " +
      "comments (the same author key: a signed-in reader's id, or the address's keyed hash).",
    requestParams: { query: tokenQuery },
    responses: {
      '200': text('Unsubscribed (also when it already was, or the comment was erased since)', 'text/html'),
      '400': error('invalid_unsubscribe_token'),
      '503': error('Storage unavailable'),
    },
  },
];

/**
 * The unsubscribe link of a reply notification (RFC 8058). GET shows a page that asks for a
 * confirmation and changes nothing, because mail scanners and link previews follow links; POST, from
 * that page's button or from a mail client's one-click "unsubscribe" (body List-Unsubscribe=One-Click),
 * stops every reply email to that comment's author. Both are idempotent. The token is the only
 * credential and names no address; the access log keeps the path without the query.
 */
export function notificationRoutes(deps: { db: Db; unsubscribeTokens: UnsubscribeTokens }): Router {
  const router = Router();
  const path = '/v1/notifications/unsubscribe';

  router.get(path, (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!deps.unsubscribeTokens.verify(token)) return invalidLink(req, res);
    page(
      res,
      200,
      'Stop reply emails?',
      `<p>You asked to be emailed when someone replies to your comments.</p>
<form method="post" action="${path}?token=${escapeHtml(encodeURIComponent(token))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Stop emailing me about replies</button>
</form>`,
    );
  });

  router.post(path, async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const commentId = deps.unsubscribeTokens.verify(token);
    if (!commentId) return invalidLink(req, res);
    // A comment erased since: there is nothing left to email about, so the answer is the same.
    await unsubscribeAuthorOf(deps.db, commentId);
    page(res, 200, 'You are unsubscribed', '<p>You will not get any more emails about replies to your comments.</p>');
  });

  return router;
}

/** A person (a browser asks for HTML) gets a page; a mail client's POST gets the API's error shape. */
function invalidLink(req: Request, res: Response): void {
  if (!(req.get('Accept') ?? '').includes('text/html')) {
    throw new AppError(
      'invalid_unsubscribe_token',
      400,
      'This unsubscribe link is not valid (token missing, altered or from another Sift)',
    );
  }
  page(res, 400, 'This link does not work', '<p>This unsubscribe link is not valid. Please use the link in the most recent email.</p>');
}

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .set('Content-Security-Policy', PAGE_CSP)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`);
}
