import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { routePattern } from './route-pattern';

/**
 * One line per request, written when the response is finished: method, path, route pattern,
 * status, duration and, for moderator and admin calls, who made it (by name: never a key). Never the
 * query string (the status endpoint's `?token=` and a ban lookup's `?email=` travel there), no
 * headers, no body, and the client's IP only with ACCESS_LOG_IP=true.
 */
export function accessLog(logger: Logger, options: { clientIp: boolean }): RequestHandler {
  // Everything known only at the end (route, moderator) goes into the line's own object rather than
  // pino-http's customProps, which builds a child logger per request for it: one child (the `req`
  // binding) is all this costs per request.
  const finished = (req: IncomingMessage, res: ServerResponse, value: Record<string, unknown>) => {
    const { err: _loggedByTheErrorMiddleware, ...line } = value;
    return { ...line, ...finishedProps(req as Request, res as Response, options.clientIp) };
  };
  const middleware = pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({ method: req.method, path: pathOf(req) }),
      res: (res: Response) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: finished,
    customErrorObject: (req: IncomingMessage, res: ServerResponse, _error: Error, value: Record<string, unknown>) =>
      finished(req, res, value),
  });
  return middleware;
}

/** The path without its query string: `?token=…` and `?email=…` never reach a log line. */
function pathOf(req: Request): string {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function finishedProps(req: Request, res: Response, clientIp: boolean): Record<string, unknown> {
  const principal = res.locals?.principal;
  const route = routePattern(req);
  return {
    ...(route ? { route } : {}),
    ...(principal ? { moderator: principal.name } : {}),
    ...(clientIp ? { ip: req.ip } : {}),
  };
}
