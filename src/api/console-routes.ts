import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { loadConsoleAssets } from '../console/console-assets';
import { consolePage } from '../console/console-page';
import { notFound } from '../errors';
import { API_KEY_PATTERN } from '../moderation/moderator-auth';
import { precompressSync } from '../precompressed';
import type { RedisClient } from '../queue/redis';
import type { ConsoleSessions } from '../sessions/console-sessions';
import {
  assertConsoleRequest,
  assertSameOrigin,
  clearSessionCookie,
  readSessionToken,
  sessionEnded,
  setSessionCookie,
} from './console-session';
import { requireJson } from './error-middleware';
import { clientIpKey, createRedisLimiter } from './rate-limit';
import { sendPrecompressed } from './send-precompressed';
import { body, error, json, rateLimited, text, type ApiOperation } from './openapi/operation';
import { consoleSessionSchema, consoleSignInSchema } from './openapi/schemas';
import { parseInput } from './validate';

/**
 * The console's page allows its own files and calls to this server, nothing else: no inline script
 * or style, no other host, no framing; Trusted Types forbid HTML sinks (innerHTML and the like)
 * altogether, so comment text can only ever reach the page as text.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const signInSchema = z.object({ key: z.string().regex(API_KEY_PATTERN, 'must be a key (visible ASCII, at most 512 characters)') });

const signedIn = json('Who is signed in, and the CSRF token the console sends as X-CSRF-Token (given only here)', consoleSignInSchema);

export const consoleOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/moderate',
    operationId: 'getConsole',
    tag: 'console',
    access: 'public',
    summary: 'The moderation console: a sign-in form (Key, Sign in), then the held queue',
    description: "HTML with no inline script or style; Content-Security-Policy 'self' only, with Trusted Types.",
    responses: { '200': text('The console page', 'text/html') },
  },
  {
    method: 'get',
    path: '/moderate/assets/:build/:file',
    operationId: 'getConsoleAsset',
    tag: 'console',
    access: 'public',
    summary: "The console's ES modules and stylesheet, gzipped, cacheable for a year",
    requestParams: {
      path: z.object({ build: z.string().meta({ description: 'A digest of all the console files' }), file: z.string() }),
    },
    responses: { '200': text('The file', 'application/javascript'), '404': error('No such file in this build') },
  },
  {
    method: 'post',
    path: '/moderate/session',
    operationId: 'signInToConsole',
    tag: 'console',
    access: 'public',
    summary: 'Sign in with a moderator key (or the admin key): sets the session cookie',
    description:
      'Needs an Origin of this server. Wrong keys count against CONSOLE_SIGNIN_LIMIT per client IP (429 with Retry-After). ' +
      'The key is not stored; the session lasts CONSOLE_SESSION_HOURS, or until CONSOLE_IDLE_MINUTES without activity. ' +
      "If the browser's cookie holds a live session of the same moderator, that session is joined (its token again).",
    requestBody: body(signInSchema),
    responses: {
      '200': { ...signedIn, headers: z.object({ 'Set-Cookie': z.string().meta({ description: 'The session cookie, HttpOnly' }) }) },
      '400': error('No key'),
      '401': error('That key was not accepted'),
      '403': error('Not from a page of this server'),
      '415': error('Not JSON'),
      '429': rateLimited('Too many wrong keys from this address (CONSOLE_SIGNIN_LIMIT)'),
    },
  },
  {
    method: 'get',
    path: '/moderate/session',
    operationId: 'getConsoleSession',
    tag: 'console',
    access: 'consoleSession',
    summary: 'Who is signed in: the cookie and the X-CSRF-Token from the sign-in answer (a reloaded console page)',
    responses: {
      '200': json('Who is signed in', consoleSessionSchema),
      '401': error('No live session'),
      '403': error('Missing or wrong CSRF token'),
    },
  },
  {
    method: 'delete',
    path: '/moderate/session',
    operationId: 'signOutOfConsole',
    tag: 'console',
    access: 'consoleSessionIfAny',
    summary: 'Sign out: the session ends and the cookie is cleared',
    responses: { '204': { description: 'Signed out' }, '403': error('Missing CSRF token or another origin') },
  },
];

export interface ConsoleRouteDeps {
  config: Pick<Config, 'queuePrefix'> & { console: Pick<Config['console'], 'signInLimit' | 'undoSeconds'> };
  pipelinedRedis: RedisClient;
  sessions: ConsoleSessions;
}

/**
 * GET /moderate (the moderation console), its fingerprinted files, and its session: sign in with a
 * key (POST, the only answer with the CSRF token), who is signed in (GET, with that token), sign out
 * (DELETE). See src/api/console-session.ts.
 */
export function consoleRoutes(deps: ConsoleRouteDeps): Router {
  const router = Router();
  const assets = loadConsoleAssets();
  const page = precompressSync(Buffer.from(consolePage(assets, { undoSeconds: deps.config.console.undoSeconds })));
  const { sessions } = deps;
  const signInLimit = deps.config.console.signInLimit;
  // Only wrong keys count (a sign-in that works takes its count back), per client IP.
  const limitWrongKeys = signInLimit
    ? createRedisLimiter(deps.pipelinedRedis, {
        prefix: deps.config.queuePrefix,
        name: 'console-sign-in',
        setting: signInLimit,
        keyGenerator: clientIpKey,
        what: 'sign-in attempts',
        failuresOnly: true,
      })
    : (_req: Request, _res: Response, next: () => void) => next();

  router.get('/moderate', (req, res) => {
    res.set('Content-Security-Policy', CONSOLE_CSP).set('Cache-Control', 'no-cache').type('html');
    sendPrecompressed(req, res, page);
  });

  router.get('/moderate/assets/:build/:file', (req, res) => {
    const asset = req.params.build === assets.build ? assets.files.get(req.params.file) : undefined;
    if (!asset) throw notFound('No such file');
    res.set('Cache-Control', 'public, max-age=31536000, immutable').type(asset.type);
    sendPrecompressed(req, res, asset);
  });

  router.post(
    '/moderate/session',
    (req, _res, next) => (assertSameOrigin(req), next()),
    limitWrongKeys,
    requireJson,
    async (req, res) => {
      const { key } = parseInput(signInSchema, req.body ?? {}, 'body');
      const session = await sessions.signIn(key, readSessionToken(req));
      setSessionCookie(req, res, session.token, session.expiresAt);
      res.set('Cache-Control', 'no-store').json({ ...sessionView(session), csrfToken: session.csrfToken });
    },
  );

  // Who is signed in, for a page reloaded in its tab: it needs the CSRF token the page kept from
  // its sign-in (the token is only ever given in the sign-in answer, never for the cookie alone).
  router.get('/moderate/session', async (req, res) => {
    const token = readSessionToken(req);
    const session = token ? await sessions.find(token, false) : null;
    if (!session) throw sessionEnded();
    assertConsoleRequest(req, sessions, token!);
    res.set('Cache-Control', 'no-store').json(sessionView(session));
  });

  router.delete('/moderate/session', async (req, res) => {
    const token = readSessionToken(req);
    if (token) {
      assertConsoleRequest(req, sessions, token);
      await sessions.signOut(token);
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}

function sessionView(session: { principal: { name: string; role: string }; expiresAt: Date }) {
  return { name: session.principal.name, role: session.principal.role, expiresAt: session.expiresAt.toISOString() };
}
