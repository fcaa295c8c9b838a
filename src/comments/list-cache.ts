import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/pool';
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
  page(articleId: string, variant: string, build: (readDb: Db) => Promise<unknown>): Promise<CachedPage>;
  /**
   * Each article's approved-comment count (section pages), kept per article under the same token
   * as its pages, so a decision that changes a list changes its count too. The counts not kept are
   * built in one call.
   */
  counts(articleIds: string[], build: (readDb: Db, articleIds: string[]) => Promise<Map<string, number>>): Promise<Map<string, number>>;
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
  readDb: Db;
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

interface CountEntry {
  token: string;
  storedAt: number;
  count: number;
}

/** Kept counts per process: a section page asks for tens, a site has thousands of live articles. */
const MAX_COUNTS = 50_000;

export function createListCache(options: ListCacheOptions): ListCache {
  const { redis, prefix, logger, primary, readDb } = options;
  const hasReplica = options.walPositions ?? readDb !== primary;
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  const building = new Map<string, Promise<CachedPage>>();
  const counts = new Map<string, CountEntry>();
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

  async function sourceFor(token: string | null): Promise<Db> {
    if (!hasReplica) return readDb;
    const lsn = token?.split('@')[1];
    // No token (Redis unreachable): nothing tells how far the replica must be, so ask the primary.
    if (!token) return primary;
    if (!lsn) return readDb;
    try {
      const [row] = await readDb.query<{ caught_up: boolean | null }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up', [lsn]);
      return row?.caught_up === false ? primary : readDb;
    } catch {
      return primary;
    }
  }

  /** As sourceFor, for a build that serves several articles: the replica only if it has every change. */
  async function sourceForAll(tokens: Array<string | null>): Promise<Db> {
    if (!hasReplica) return readDb;
    if (tokens.some((token) => !token)) return primary;
    const lsns = tokens.map((token) => token!.split('@')[1]).filter((lsn): lsn is string => Boolean(lsn));
    if (!lsns.length) return readDb;
    try {
      const [row] = await readDb.query<{ caught_up: boolean | null }>(
        'SELECT pg_last_wal_replay_lsn() >= ALL ($1::pg_lsn[]) AS caught_up',
        [lsns],
      );
      return row?.caught_up === false ? primary : readDb;
    } catch {
      return primary;
    }
  }

  async function build(token: string | null, key: string, produce: (db: Db) => Promise<unknown>): Promise<CachedPage> {
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

    async counts(articleIds, produce) {
      const tokens = await Promise.all(articleIds.map(currentToken));
      const found = new Map<string, number>();
      const missing: Array<{ articleId: string; token: string | null }> = [];
      articleIds.forEach((articleId, i) => {
        const token = tokens[i] ?? null;
        const kept = counts.get(articleId);
        if (token && kept && kept.token === token && Date.now() - kept.storedAt < maxAgeMs) {
          counts.delete(articleId);
          counts.set(articleId, kept);
          found.set(articleId, kept.count);
        } else {
          missing.push({ articleId, token });
        }
      });
      if (missing.length === 0) return found;
      const built = await produce(
        await sourceForAll(missing.map((m) => m.token)),
        missing.map((m) => m.articleId),
      );
      for (const { articleId, token } of missing) {
        const count = built.get(articleId) ?? 0;
        found.set(articleId, count);
        if (!token) continue;
        counts.delete(articleId);
        counts.set(articleId, { token, storedAt: Date.now(), count });
        if (counts.size > MAX_COUNTS) counts.delete(counts.keys().next().value!);
      }
      return found;
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
      counts.delete(articleId);
    },

    async close() {
      entries.clear();
      counts.clear();
      if (options.ownsRedis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Whether a status change shows or hides a comment on the public list. */
export const changesPublicList = (from: string, to: string) => from !== to && (from === 'approved' || to === 'approved');

/**
 * For changes that come in bursts, such as recommendations: the first change of an article makes
 * its pages stale at once (the caller may wait for it); those that follow within `intervalMs` are
 * folded into one more at the end of the interval. A popular comment's recommendations then cost
 * each process at most one rebuild of the article's pages a second, and a count is never shown more
 * than `intervalMs` after a change.
 */
export function coalesceInvalidations(cache: Pick<ListCache, 'invalidate'>, intervalMs = 1_000): (articleId: string) => Promise<void> {
  const lastAt = new Map<string, number>();
  const scheduled = new Set<string>();
  const invalidate = (articleId: string) => {
    lastAt.set(articleId, Date.now());
    return cache.invalidate(articleId);
  };
  return async (articleId) => {
    const since = Date.now() - (lastAt.get(articleId) ?? 0);
    if (since >= intervalMs) {
      if (lastAt.size > 10_000) for (const [id, at] of lastAt) if (Date.now() - at >= intervalMs) lastAt.delete(id);
      return invalidate(articleId);
    }
    if (scheduled.has(articleId)) return;
    scheduled.add(articleId);
    setTimeout(() => {
      scheduled.delete(articleId);
      void invalidate(articleId);
    }, intervalMs - since).unref();
  };
}
