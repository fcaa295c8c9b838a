import type { Logger } from 'pino';

/**
 * The one error type the API and the worker raise on purpose. `isOperational` errors are expected
 * (bad input, a dependency down) and are answered or retried; anything else is a bug and is logged
 * with its stack.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly isOperational = true,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, code = 'invalid_request') => new AppError(code, 400, message);
export const notFound = (message = 'Not found') => new AppError('not_found', 404, message);
/**
 * What a request is told while PostgreSQL is unreachable, missing or overloaded. Only an endpoint
 * that creates one thing in one transaction may promise that nothing was stored (so that sending it
 * again is safe); the others do not claim to know.
 */
export const storageUnavailable = (nothingStored: boolean) =>
  new AppError(
    'storage_unavailable',
    503,
    nothingStored
      ? 'Comment storage is unavailable; nothing was stored. Please retry.'
      : 'Comment storage is unavailable right now. Please retry shortly.',
  );

/** An error's code and message, for a log line: no stack, no parameters. */
export function describeCause(error: unknown): { code?: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | null;
  const nested: unknown = Array.isArray(e?.errors) && e.errors.length > 0 ? e.errors[0] : null;
  const message = typeof e?.message === 'string' && e.message ? e.message : nested ? describeCause(nested).message : String(error);
  return typeof e?.code === 'string' ? { code: e.code, message } : { message };
}

/** Shared by the Express error middleware, worker events and process events. */
export function handleError(logger: Logger, error: unknown, context: Record<string, unknown> = {}): void {
  if (error instanceof AppError && error.isOperational) {
    // A client's mistake is routine (and cheap to flood us with). So is each request refused during
    // a storage outage: the outage itself is logged once, with its cause (src/outage-log.ts).
    const level = error.status < 500 || error.code === 'storage_unavailable' ? 'debug' : 'warn';
    logger[level]({ ...context, code: error.code, status: error.status }, error.message);
    return;
  }
  if (isDatabaseUnavailable(error)) {
    logger.debug({ ...context, err: describeCause(error) }, 'PostgreSQL unavailable');
    return;
  }
  logger.error({ ...context, err: error }, 'unexpected error');
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** A network-level failure to reach a server (nothing listens, the connection was cut, no route). */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && CONNECTION_ERRORS.has(e.code)) return true;
  // Node reports a failed connection to every address of a host (localhost: ::1 and 127.0.0.1) as one AggregateError.
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isConnectionError);
}

/**
 * node-postgres and net errors that mean "PostgreSQL cannot be used now", not "the query was wrong":
 * nothing listens, the server shut down or restarts, the database is missing, the role or password
 * is refused, or it is overloaded (out of connections, a statement or the wait for a connection
 * timed out).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  // SQLSTATE classes 08 (connection), 57P (shutdown, crash, starting up), 3D000 (no such database),
  // 28 (role or password refused), 53 (insufficient resources), 57014 (statement timeout).
  if (typeof e.code === 'string' && /^(08|57P|3D000$|28|53|57014$)/.test(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    message,
  );
}
