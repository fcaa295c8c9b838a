import { Redis, type RedisOptions } from 'ioredis';

/**
 * Two connection profiles (BullMQ's producer/worker advice). The API's producer must fail fast when
 * Redis is away, so a request never hangs on it: the comment is already committed, and the worker's
 * sweeper queues it later. The worker's connection waits and retries forever instead.
 */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  } satisfies RedisOptions);
}

export function createWorkerRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  } satisfies RedisOptions);
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
