import pino, { type Logger } from 'pino';

/**
 * Paths pino replaces before a line is written. Bodies are never logged as a whole; these catch
 * anything that slips into a log object by name.
 */
export const REDACT_PATHS = [
  'authorEmail',
  '*.authorEmail',
  'author_email',
  '*.author_email',
  'email',
  '*.email',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'apiKey',
  '*.apiKey',
  'req.body',
  'body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'sift', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
