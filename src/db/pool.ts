import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../errors';
import { createOutageLog } from '../outage-log';

export interface QueryOptions {
  /**
   * Run as a named prepared statement, planned once per connection instead of on every call. Only
   * for hot statements whose plan does not depend on their parameters (a lookup by id, say): a
   * generic plan for `$1 IS NULL OR …` filters can be much worse than a fresh one.
   */
  prepare?: boolean;
}

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[], options?: QueryOptions): Promise<R[]>;
}

export interface Db extends Queryable {
  withTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DbOptions {
  connectionString: string;
  max: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  applicationName: string;
}

/** PostgreSQL settings of every connection the API and the worker open (see createDb). */
export const SESSION_OPTIONS = '-c enable_seqscan=off -c jit=off';

/**
 * The one owner of a pg Pool. It logs statement text and duration at debug, never parameters:
 * parameters carry comment bodies and encrypted emails. PostgreSQL becoming unavailable, and
 * available again, is logged once per outage with its cause (every caller sees the errors).
 */
export function createDb(options: DbOptions, logger: Logger): Db {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1000,
    application_name: options.applicationName,
    // Sift's statements all read through an index, and the hot ones are prepared: a generic plan
    // built while `comments` held 50 rows (or was never analysed) picked sequential scans and
    // kept them through a burst of 20,000 (docs/performance.md, "Plans that statistics cannot
    // break"). Turned off, a sequential scan is chosen only where no index can serve at all.
    // JIT off: a plan left with a disabled scan costs enough to be compiled on every call.
    options: SESSION_OPTIONS,
  });
  const outage = createOutageLog(logger.child({ pool: options.applicationName }), 'PostgreSQL');
  const observe = (error: unknown) => {
    if (isDatabaseUnavailable(error)) outage.failed(error);
  };
  // An idle client losing its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', observe);

  const run = async <R extends QueryResultRow>(
    client: Pool | PoolClient,
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<R[]> => {
    const started = process.hrtime.bigint();
    let result;
    try {
      result = options?.prepare
        ? await client.query<R>({ name: statementName(text), text, values: params })
        : await client.query<R>(text, params);
    } catch (error) {
      observe(error);
      throw error;
    }
    outage.succeeded();
    if (logger.isLevelEnabled('debug')) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({ sql: text.replace(/\s+/g, ' ').trim().slice(0, 200), ms }, 'sql');
    }
    return result.rows;
  };

  return {
    query: (text, params, options) => run(pool, text, params, options),

    async withTransaction(fn) {
      const client = await pool.connect().catch((error: unknown) => {
        observe(error);
        throw error;
      });
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (text, params, options) => run(client, text, params, options) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },

    async ping() {
      try {
        await run(pool, 'SELECT 1');
        return true;
      } catch {
        return false;
      }
    },

    close: () => pool.end(),
  };
}

const statementNames = new Map<string, string>();

/** A prepared statement's name, from its text: the same text is the same statement on every connection. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `sift_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}
