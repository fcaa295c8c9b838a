import type { RequestHandler, Response } from 'express';
import { assertAdmin, type Principal } from '../moderation/moderator-auth';

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/**
 * The Bearer key check for routers mounted beside moderation-routes: reuses the principal when that
 * router already resolved it for this request, else authenticates.
 */
export function authenticated(authenticate: Authenticate, role: 'admin' | 'moderator'): RequestHandler {
  return async (_req, res, next) => {
    const principal = (res.locals.principal as Principal | undefined) ?? (await authenticate(_req.get('Authorization')));
    res.locals.principal = principal;
    if (role === 'admin') assertAdmin(principal);
    next();
  };
}

export const principalOf = (res: Response) => res.locals.principal as Principal;
