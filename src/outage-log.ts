import type { Logger } from 'pino';
import { describeCause } from './errors';

/**
 * Tells the log that a dependency (PostgreSQL, Redis) went away, with the cause, and that it came
 * back: once per outage, not once per failed request or reconnect attempt. While it stays away the
 * warning is repeated at most every `repeatMs`, so a long outage is not forgotten.
 */
export interface OutageLog {
  /** A call or a connection failed because the dependency is unavailable. */
  failed(cause: unknown, source?: string): void;
  /** A call or a connection succeeded; `source` is back. */
  succeeded(source?: string): void;
}

export function createOutageLog(logger: Logger, dependency: string, repeatMs = 60_000): OutageLog {
  // Several connections (sources) to the same dependency: it is back once every failing one is.
  const failing = new Set<string>();
  let warnedAt = Number.NEGATIVE_INFINITY;
  let warned = false;
  return {
    failed(cause, source = dependency) {
      failing.add(source);
      const now = Date.now();
      if (now - warnedAt < repeatMs) return;
      warnedAt = now;
      warned = true;
      logger.warn({ dependency, source, cause: describeCause(cause) }, `${dependency} unavailable`);
    },
    succeeded(source = dependency) {
      if (failing.size === 0 || !failing.delete(source) || failing.size > 0 || !warned) return;
      warned = false;
      logger.info({ dependency }, `${dependency} available again`);
    },
  };
}
