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
export const storageUnavailable = () =>
  new AppError('storage_unavailable', 503, 'Comment storage is unavailable; nothing was stored. Please retry.');

/** Shared by the Express error middleware, worker events and process events. */
export function handleError(logger: Logger, error: unknown, context: Record<string, unknown> = {}): void {
  if (error instanceof AppError && error.isOperational) {
    // A client's mistake is routine (and cheap to flood us with); a dependency outage is not.
    const level = error.status < 500 ? 'debug' : 'warn';
    logger[level]({ ...context, code: error.code, status: error.status }, error.message);
    return;
  }
  logger.error({ ...context, err: error }, 'unexpected error');
}

/** node-postgres and net errors that mean "PostgreSQL is unreachable", not "the query was wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
  if (e.code && connectionCodes.has(e.code)) return true;
  // SQLSTATE classes 08 (connection), 57P (operator intervention: shutdown), 53 (insufficient resources)
  if (e.code && /^(08|57P|53)/.test(e.code)) return true;
  // statement_timeout / lock timeouts under an overloaded or recovering server
  if (e.code === '57014') return true;
  const message = e.message ?? '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    message,
  );
}
