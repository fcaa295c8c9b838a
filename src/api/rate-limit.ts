import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Config } from '../config';
import { AppError } from '../errors';
import { callOnEveryMaster, type RedisClient } from '../queue/redis';

/** Posting limits, per client IP and per author (RATE_LIMIT). */
export function createPostingLimiters(
  redis: RedisClient,
  config: Pick<Config, 'rateLimit' | 'queuePrefix'>,
  authorKey: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => string,
): { perIp: RequestHandler; perAuthor: RequestHandler } {
  const setting = config.rateLimit;
  if (!setting) {
    const pass: RequestHandler = (_req, _res, next) => next();
    return { perIp: pass, perAuthor: pass };
  }
  const limiter = (name: string, keyGenerator: Options['keyGenerator']) =>
    createRedisLimiter(redis, { prefix: config.queuePrefix, name, setting, keyGenerator, what: 'comments' });
  return {
    perIp: limiter('ip', clientIpKey),
    perAuthor: limiter('author', (req, res) => authorKey(req, res)),
  };
}

export interface RedisLimiterOptions {
  prefix: string;
  /** Part of the Redis key: one counter family per limiter. */
  name: string;
  setting: { max: number; windowSeconds: number };
  keyGenerator: Options['keyGenerator'];
  /** What the client did too often, for the 429's message ("Too many comments"). */
  what: string;
  /** Count only requests that failed (answered 400 or more): wrong keys, not sign-ins. */
  failuresOnly?: boolean;
}

/**
 * A fixed-window limiter counted in Redis (every API replica shares it) that answers 429 with
 * Retry-After in the contract's error shape. If Redis is unreachable the limit is skipped rather
 * than refusing the request.
 */
export function createRedisLimiter(redis: RedisClient, options: RedisLimiterOptions): RequestHandler {
  return rateLimit({
    windowMs: options.setting.windowSeconds * 1000,
    limit: options.setting.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    passOnStoreError: true,
    validate: false,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    keyGenerator: options.keyGenerator,
    store: new RedisStore({
      prefix: `${options.prefix}:ratelimit:${options.name}:`,
      sendCommand: async (command: string, ...args: string[]) => {
        await whenReady(redis, 250);
        // The scripts are loaded on every Cluster master, so EVALSHA finds them wherever its key lives.
        // The store loads them as it is built, maybe while Redis is down: then answer the SHA1 Redis
        // would (nothing is left to reject unhandled); a NOSCRIPT later makes the store load them again.
        if (command.toUpperCase() === 'SCRIPT') {
          return (callOnEveryMaster(redis, command, ...args) as Promise<RedisReply>).catch(() =>
            createHash('sha1')
              .update(args[args.length - 1] ?? '')
              .digest('hex'),
          );
        }
        return redis.call(command, ...args) as Promise<RedisReply>;
      },
    }),
    handler: refuse(`Too many ${options.what}`),
  });
}

/** The client IP as the limiters key it (IPv6 by its /56, as express-rate-limit advises). */
export const clientKey = (req: Parameters<RequestHandler>[0]): string => ipKeyGenerator(req.ip ?? 'unknown');
export const clientIpKey: Options['keyGenerator'] = (req) => clientKey(req);

/**
 * Public reads per client IP, counted in this process's memory: a read costs no Redis round trip,
 * and with N API processes a client may read up to N times the limit. Generous by default, so a
 * page's widget, a newsroom's office behind one address or a cache in front (with TRUST_PROXY) is
 * never refused; it stops one client from costing the database a page a millisecond.
 */
export function createReadLimiter(setting: Config['readRateLimit']): RequestHandler {
  if (!setting) return (_req, _res, next) => next();
  const limiter = rateLimit({
    windowMs: setting.windowSeconds * 1000,
    limit: setting.max,
    standardHeaders: false,
    legacyHeaders: false,
    validate: false,
    keyGenerator: clientIpKey,
    handler: refuse('Too many requests'),
  });
  return (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? limiter(req, res, next) : next());
}

/** 429 in the contract's shape, with Retry-After. */
function refuse(what: string): RequestHandler {
  return (req, _res, next) => {
    const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const retryAfter = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000));
    next(new AppError('rate_limited', 429, `${what}; try again in ${retryAfter} seconds`, true, { 'Retry-After': String(retryAfter) }));
  };
}

/** The producer connection fails fast while (re)connecting; give a starting connection a moment. */
function whenReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
