import type { Request, Response } from 'express';
import { AppError } from '../errors';
import type { ConsoleSessions } from '../sessions/console-sessions';
import type { Identify } from './require-role';

/**
 * The console's session on the HTTP side: its cookie, the CSRF and Origin checks, and the
 * requireRole way that lets a session stand in for a Bearer key on the moderator and admin endpoints.
 */

/** Sent by the console with every API call; the session's CSRF token. */
export const CSRF_HEADER = 'X-CSRF-Token';
/** Sent by the console's background refreshes, which must not keep an idle session alive. */
export const POLL_HEADER = 'Sift-Poll';

/**
 * `__Host-` over HTTPS: the browser then insists on Secure, Path=/ and no Domain, so neither a
 * sibling subdomain nor a plain-HTTP page can plant or shadow it. Plain HTTP (a laptop's
 * http://localhost) cannot hold a `__Host-` cookie, hence the second name.
 */
const cookieName = (req: Request) => (req.secure ? '__Host-sift_console' : 'sift_console');

export function readSessionToken(req: Request): string | null {
  const name = cookieName(req);
  for (const part of (req.get('Cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  res.append('Set-Cookie', cookie(req, token, maxAge));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', cookie(req, '', 0));
}

function cookie(req: Request, value: string, maxAge: number): string {
  return [
    `${cookieName(req)}=${value}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(req.secure ? ['Secure'] : []),
  ].join('; ');
}

const forbidden = (code: string, message: string) => new AppError(code, 403, message);

/**
 * A state-changing browser request must come from a page of this very server: its Origin (which
 * browsers send with every POST, PUT and DELETE) must be ours. Behind a TLS-terminating proxy,
 * TRUST_PROXY lets Express see the https scheme and the forwarded host.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.get('Origin');
  const own = `${req.protocol}://${req.host}`;
  if (origin === own) return;
  if (!origin && req.get('Sec-Fetch-Site') === 'same-origin') return;
  throw forbidden(
    'cross_origin',
    `Refused: the request did not come from this server's own pages (${own}; behind a proxy, set TRUST_PROXY)`,
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every session call carries the session's CSRF token; state changes also come from our origin. */
export function assertConsoleRequest(req: Request, sessions: ConsoleSessions, token: string): void {
  if (!sessions.csrfMatches(token, req.get(CSRF_HEADER))) {
    throw forbidden('csrf_failed', `Refused: the ${CSRF_HEADER} header is missing or wrong for this session`);
  }
  if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
}

export const sessionEnded = () => new AppError('unauthorized', 401, 'Your console session has ended; sign in again');

/**
 * The console's way of saying who is asking (one of requireRole's ways, beside the Bearer key): a
 * request without an Authorization header but with a console cookie is authenticated by its
 * session (the same principal a key gives, so decisions are audited under the moderator's name
 * either way). With a Bearer key the cookie is ignored. Answers to a session never carry an email
 * address, except the one the moderator asked for (res.locals.revealEmail,
 * GET /v1/moderation/comments/{id}/email).
 */
export function consoleSession(sessions: ConsoleSessions): Identify {
  return async (req, res) => {
    if (req.get('Authorization') !== undefined) return null;
    const token = readSessionToken(req);
    if (token === null) return null;
    const session = await sessions.find(token, req.get(POLL_HEADER) === undefined);
    if (!session) throw sessionEnded();
    assertConsoleRequest(req, sessions, token);
    withoutEmails(res);
    return session.principal;
  };
}

/** Keys whose values are email addresses: an author's, a notice's sender's. */
const EMAIL_KEYS = new Set(['authorEmail', 'reporterEmail']);

function withoutEmails(res: Response): void {
  const omit = (key: string, value: unknown) => (EMAIL_KEYS.has(key) && !res.locals.revealEmail ? undefined : value);
  res.json = (body: unknown) => {
    if (!res.get('Content-Type')) res.type('json');
    return res.send(JSON.stringify(body, omit));
  };
}
