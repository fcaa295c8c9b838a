import pino, { type Logger } from 'pino';
import type { Config } from './config';

/**
 * Paths pino replaces before a line is written. Bodies are never logged as a whole; these catch
 * anything that slips into a log object by name.
 */
export const REDACT_PATHS = [
  'authorEmail',
  '*.authorEmail',
  'author_email',
  '*.author_email',
  'reporterEmail',
  '*.reporterEmail',
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

/**
 * The logger of a process entry point: JSON lines on stdout, or with LOG_FORMAT=pretty one
 * coloured line per entry for a developer's terminal (pino-pretty, in pino's transport thread, so
 * formatting never runs on the event loop). Redaction happens before either.
 */
export function createProcessLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  if (config.logFormat !== 'pretty') return createLogger(config.logLevel);
  const pretty = pino.transport({
    target: 'pino-pretty',
    options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true },
  }) as pino.DestinationStream;
  return createLogger(config.logLevel, pretty);
}
