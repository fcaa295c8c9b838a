import type { Request } from 'express';

/**
 * The pattern of the route that answered (`/v1/comments/:id`), for logs and metrics that must not
 * carry the raw URL (ids, tokens); undefined when no route matched. Express types `req.route` as any.
 */
export function routePattern(req: Request): string | undefined {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? route.path : undefined;
}
