import type { Submission } from '../comments/submit-comment';
import type { Principal } from '../moderation/moderator-auth';

/**
 * What middleware hands on to the middleware and handlers after it (`res.locals`), declared once for
 * every route, so that no handler reads an untyped value.
 */
declare global {
  // Express declares its Locals in this namespace, for augmentation.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Who is asking: set by requireRole (require-role.ts), read through principalOf. */
      principal?: Principal;
      /** A comment POST, parsed and hashed once (public-routes.ts): the per-author limit keys on it. */
      submission?: Omit<Submission, 'clientIp'>;
      /** Set by createsAtomically (error-middleware.ts): its 503 may promise that nothing was stored. */
      createsAtomically?: boolean;
      /** The one answer to a console session that may carry an email address (console-session.ts). */
      revealEmail?: boolean;
    }
  }
}

/** A local that middleware earlier in the route sets: its absence is a mistake in the route's wiring. */
export function fromLocals<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`res.locals.${name} is not set: the middleware that sets it is missing from the route`);
  return value;
}
