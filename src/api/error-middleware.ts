import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, handleError, isDatabaseUnavailable, storageUnavailable } from '../errors';
import { routePattern } from './route-pattern';

/** body-parser's error types, mapped to the contract's codes. */
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large'],
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON'],
  'entity.verify.failed': [400, 'invalid_json', 'The request body is not valid JSON'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_charset', 'Unsupported charset; send UTF-8 JSON'],
  'request.aborted': [400, 'request_aborted', 'The request was aborted'],
  'request.size.invalid': [400, 'invalid_request', 'Content-Length does not match the body'],
  'stream.encoding.set': [500, 'internal_error', 'Internal error'],
};

function toAppError(error: unknown, createsAtomically: boolean): AppError {
  if (error instanceof AppError) return error;
  // Whichever route and whichever query: PostgreSQL away is a 503, never a 500 (the cause is logged
  // once per outage by src/db/pool.ts, not once per request).
  if (isDatabaseUnavailable(error)) return storageUnavailable(createsAtomically);
  const { type, status, code } = (error ?? {}) as { type?: string; status?: number; code?: string };
  const known = type ? BODY_PARSER_ERRORS[type] : undefined;
  if (known && known[0] < 500) return new AppError(known[1], known[0], known[2]);
  // zlib's own error, passed on by body-parser as a 400 without a type: a corrupt gzip, deflate or br body.
  if (status === 400 && /^(Z_|ERR__ERROR)/.test(code ?? '')) {
    return new AppError('invalid_body_encoding', 400, 'The request body could not be decompressed as its Content-Encoding says');
  }
  return new AppError('internal_error', 500, 'Internal error', false);
}

/** The one place errors become responses: the contract's shape, never a stack or SQL. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error, res.locals.createsAtomically === true);
    handleError(logger, appError.isOperational ? appError : error, {
      method: req.method,
      route: routePattern(req) ?? req.path,
      code: appError.code,
    });
    if (res.headersSent) return;
    res.set(appError.headers);
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message } });
  };
}

/**
 * Marks an endpoint that creates one thing in one statement or transaction: should storage fail,
 * its 503 may then promise that nothing was stored, so the client can safely send it again.
 */
export const createsAtomically: RequestHandler = (_req, res, next) => {
  res.locals.createsAtomically = true;
  next();
};

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 404, 'No such endpoint'));
};

/** Bodies must be JSON: anything else is a 415 before it is read. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json') || req.is('application/*+json')) return next();
  next(new AppError('unsupported_media_type', 415, 'Send the body as application/json'));
};

/** As requireJson, for endpoints whose body is optional. */
export const optionalJson: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  requireJson(req, res, next);
};
