import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/pool';
import { precompress, type Precompressed } from '../precompressed';
import type { RedisClient } from '../queue/redis';

/**
 * The public list page, cached in each API process and made stale at once by any decision.
 *
 * An article a decision touched has a version token in Redis (`<QUEUE_PREFIX>:list-version:<articleId>`,
 * kept 7 days after the last change; reads never create one), replaced by a new random token after
 * every committed status change that shows or hides one of its
 * comments (a worker's approval, any moderator action). A process keeps each page it built under
 * the token it read before building; a request reads the current token (one Redis GET, shared by
 * the requests of the same event-loop turn and sent after them) and serves the kept page only when
 * the tokens match, so a change committed before a request started is always seen, in every API
 * process. Random tokens, not counters, so a Redis that lost its data can never bring an old
 * number, and an old page, back.
 *
 * When Redis cannot answer, pages are built from PostgreSQL each time (nothing is cached). When a
 * token could not be replaced (Redis down at that moment), kept pages still expire after `maxAgeMs`.
 *
 * Replica lag: with DATABASE_READ_URL set, the token also carries the primary's WAL position after
 * the change; a page is built from the replica only once the replica has replayed that far, else
 * from the primary. A reader whose comment was just approved never gets the page without it.
 */

/** A page's JSON, plain and gzipped, each with its ETag: built once, sent as it is to every reader. */
export type CachedPage = Precompressed;

export interface ListCache {
  page(articleId: string, variant: string, build: (readDb: Queryable) => Promise<unknown>): Promise<CachedPage>;
  /** Call after the commit of a change that shows or hides a comment of this article. */
  invalidate(articleId: string): Promise<void>;
  close(): Promise<void>;
}

export interface ListCacheOptions {
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  /** The primary, to read the WAL position after a change and to build pages when a replica lags. */
  primary: Db;
  /** The public read path (a replica, or the primary itself). */
  readDb: Queryable;
  /** Tokens carry the primary's WAL position (default: when readDb is not the primary). */
  walPositions?: boolean;
  maxAgeMs?: number;
  maxBytes?: number;
  /** Also close `redis` on close (when the cache owns its connection). */
  ownsRedis?: boolean;
}

const TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/**
 * The version of an article without a token: no decision in TOKEN_TTL_SECONDS. Not random, so a
 * Redis that lost its tokens could match a page kept under it before the first change: such a page
 * is at most `maxAgeMs` old, like any page while Redis is away.
 */
const UNCHANGED = 'unchanged';

/** A kept page's bytes, its key included (an article id can be 200 characters). */
const size = (key: string, page: CachedPage) => key.length * 2 + page.plain.length + page.gzip.length;

interface Entry extends CachedPage {
  token: string;
  storedAt: number;
}

export function createListCache(options: ListCacheOptions): ListCache {
  const { redis, prefix, logger, primary, readDb } = options;
  const hasReplica = options.walPositions ?? readDb !== primary;
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  const building = new Map<string, Promise<CachedPage>>();
  let bytes = 0;

  const tokenKey = (articleId: string) => `${prefix}:list-version:${articleId}`;

  /**
   * Reads of one article's token asked for in the same turn of the event loop share one Redis GET,
   * sent once that turn is over (setImmediate): every request that shares it arrived before it was
   * sent, so each still sees any change committed before it started. Under load, the fifty requests
   * a turn reads from its sockets cost one GET instead of fifty.
   */
  const tokenReads = new Map<string, Promise<string | null>>();
  function currentToken(articleId: string): Promise<string | null> {
    let read = tokenReads.get(articleId);
    if (!read) {
      read = new Promise((resolve) =>
        setImmediate(() => {
          tokenReads.delete(articleId);
          resolve(readToken(articleId));
        }),
      );
      tokenReads.set(articleId, read);
    }
    return read;
  }

  async function readToken(articleId: string): Promise<string | null> {
    try {
      // Reading never writes: an article no decision touched (any id a reader makes up) costs Redis
      // nothing; such pages are kept under UNCHANGED until the first decision gives a token.
      return (await redis.get(tokenKey(articleId))) ?? UNCHANGED;
    } catch {
      return null;
    }
  }

  function remember(key: string, entry: Entry): void {
    forget(key);
    entries.set(key, entry);
    bytes += size(key, entry);
    for (const [oldest, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= size(oldest, old);
    }
  }

  function forget(key: string): void {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= size(key, old);
  }

  async function sourceFor(token: string | null): Promise<Queryable> {
    if (!hasReplica) return readDb;
    const lsn = token?.split('@')[1];
    // No token (Redis unreachable): nothing tells how far the replica must be, so ask the primary.
    if (!token) return primary;
    if (!lsn) return readDb;
    try {
      const [row] = await readDb.query<{ caught_up: boolean | null }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up',
        [lsn],
      );
      return row?.caught_up === false ? primary : readDb;
    } catch {
      return primary;
    }
  }

  async function build(token: string | null, key: string, produce: (db: Queryable) => Promise<unknown>): Promise<CachedPage> {
    const page = await precompress(Buffer.from(JSON.stringify(await produce(await sourceFor(token)))));
    if (token) remember(key, { ...page, token, storedAt: Date.now() });
    return page;
  }

  return {
    async page(articleId, variant, produce) {
      const key = `${articleId}\n${variant}`;
      const token = await currentToken(articleId);
      const kept = entries.get(key);
      if (token && kept && kept.token === token && Date.now() - kept.storedAt < maxAgeMs) {
        // Refresh its place in the LRU order.
        entries.delete(key);
        entries.set(key, kept);
        return kept;
      }
      // Concurrent misses for the same page and token share one build.
      const buildKey = `${key}\n${token ?? ''}`;
      let pending = building.get(buildKey);
      if (!pending) {
        pending = build(token, key, produce).finally(() => building.delete(buildKey));
        if (token) building.set(buildKey, pending);
      }
      return pending;
    },

    async invalidate(articleId) {
      try {
        let token = randomUUID();
        if (hasReplica) {
          const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
          token = `${token}@${row.lsn}`;
        }
        await redis.set(tokenKey(articleId), token, 'EX', TOKEN_TTL_SECONDS);
      } catch (error) {
        // The decision is committed; pages kept elsewhere expire after maxAgeMs.
        logger.warn({ articleId, err: (error as Error).message }, 'public list cache not invalidated; kept pages expire shortly');
      }
      for (const key of entries.keys()) if (key.startsWith(`${articleId}\n`)) forget(key);
    },

    async close() {
      entries.clear();
      if (options.ownsRedis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Whether a status change shows or hides a comment on the public list. */
export const changesPublicList = (from: string, to: string) => from !== to && (from === 'approved' || to === 'approved');
