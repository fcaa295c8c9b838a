import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import { fromLocals } from './locals';
import { assertAdmin, type KeyHolder, type Principal, type Role } from '../moderation/moderator-auth';

/**
 * One way of telling who sends a request: the Bearer key here, the console's session
 * (console-session.ts). It answers null when the request does not use it, and throws 401 when the
 * request uses it with a credential that is not valid. It may prepare the response for that kind of
 * caller (a session's answers leave out email addresses).
 */
export type Identify = (req: Request, res: Response) => Promise<Principal | null>;

/** The guard of a moderator or admin endpoint: `router.get(path, requireRole('moderator'), handler)`. */
export type RequireRole = (role: Role) => RequestHandler;

export const unauthorized = () =>
  new AppError('unauthorized', 401, 'A valid moderator key is required (Authorization: Bearer <key>)', true, {
    'WWW-Authenticate': 'Bearer realm="sift"',
  });

/** `Authorization: Bearer <key>`, the key checked by `holder`. */
export function bearerKey(holder: KeyHolder): Identify {
  return async (req) => {
    const header = req.get('Authorization');
    if (header === undefined) return null;
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    const principal = match ? await holder(match[1]) : null;
    if (!principal) throw unauthorized();
    return principal;
  };
}

/**
 * Authentication, implemented once: the first of `ways` that recognises the request tells who it
 * is (none: 401), and a moderator on an admin endpoint is a 403. Each route names the role it needs,
 * so what protects it does not depend on the order in which routers are mounted. Who is asking is
 * worked out once per request and kept in `res.locals.principal` for the handler (`principalOf`).
 */
export function createRequireRole(ways: Identify[]): RequireRole {
  const identify = async (req: Request, res: Response): Promise<Principal> => {
    if (res.locals.principal) return res.locals.principal;
    for (const way of ways) {
      const principal = await way(req, res);
      if (principal) return (res.locals.principal = principal);
    }
    throw unauthorized();
  };
  return (role) => async (req, res, next) => {
    const principal = await identify(req, res);
    if (role === 'admin') assertAdmin(principal);
    next();
  };
}

/** Who is asking, in a handler behind requireRole. */
export const principalOf = (res: Response): Principal => fromLocals(res.locals.principal, 'principal');
