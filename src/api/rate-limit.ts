import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Config } from '../config';
import { AppError } from '../errors';
import { callOnEveryMaster, type RedisClient } from '../queue/redis';

/**
 * Posting limits, per client IP and per author, counted in Redis so every API replica shares them.
 * If Redis is unreachable the limit is skipped rather than refusing readers' comments.
 */
export function createPostingLimiters(
  redis: RedisClient,
  config: Pick<Config, 'rateLimit' | 'queuePrefix'>,
  authorKey: (res: Parameters<RequestHandler>[1]) => string,
): { perIp: RequestHandler; perAuthor: RequestHandler } {
  const setting = config.rateLimit;
  if (!setting) {
    const pass: RequestHandler = (_req, _res, next) => next();
    return { perIp: pass, perAuthor: pass };
  }
  const limiter = (name: string, keyGenerator: Options['keyGenerator']) =>
    rateLimit({
      windowMs: setting.windowSeconds * 1000,
      limit: setting.max,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      passOnStoreError: true,
      validate: false,
      keyGenerator,
      store: new RedisStore({
        prefix: `${config.queuePrefix}:ratelimit:${name}:`,
        sendCommand: async (command: string, ...args: string[]) => {
          await whenReady(redis, 250);
          // The scripts are loaded on every Cluster master, so EVALSHA finds them wherever its key lives.
          if (command.toUpperCase() === 'SCRIPT') return callOnEveryMaster(redis, command, ...args) as Promise<RedisReply>;
          return redis.call(command, ...args) as Promise<RedisReply>;
        },
      }),
      handler: (req, _res, next) => {
        const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfter = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000));
        next(
          new AppError('rate_limited', 429, `Too many comments; try again in ${retryAfter} seconds`, true, {
            'Retry-After': String(retryAfter),
          }),
        );
      },
    });
  return {
    perIp: limiter('ip', (req) => ipKeyGenerator(req.ip ?? 'unknown')),
    perAuthor: limiter('author', (_req, res) => authorKey(res)),
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
