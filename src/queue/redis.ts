import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config';
import type { OutageLog } from '../outage-log';

/** One Redis node (or a Sentinel-managed master) or a Redis Cluster: BullMQ and Sift accept either. */
export type RedisClient = Redis | Cluster;

/**
 * Two connection profiles (BullMQ's producer/worker advice). The API's producer must fail fast when
 * Redis is away, so a request never hangs on it: the comment is already committed, and the worker's
 * sweeper queues it later. The worker's connection waits and retries forever instead.
 */
export function createProducerRedis(target: RedisTarget): RedisClient {
  return connectRedis(target, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
}

/**
 * The API's connection for the small commands of its hot paths (the list cache's version tokens, the
 * posting limits' counters): fails fast like the producer's (a read falls back to PostgreSQL, a limit
 * is skipped) and auto-pipelines, so the commands of fifty concurrent requests go in one write.
 */
export function createAutoPipelinedRedis(target: RedisTarget): RedisClient {
  return connectRedis(target, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export function createWorkerRedis(target: RedisTarget): RedisClient {
  return connectRedis(target, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/**
 * A client for the target with these options. Credentials and TLS come from REDIS_URL in every
 * mode; Sentinel and Cluster addresses from their own settings. ioredis follows a Sentinel failover
 * and a Cluster's slot moves itself: nothing here elects or shards.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions): RedisClient {
  if (target.mode === 'single') return new Redis(target.url, options);
  const auth = credentialsFrom(target.url);
  if (target.mode === 'sentinel') {
    // REDIS_URL's password is the master's; Sentinels are asked without one (most run without AUTH).
    return new Redis({ ...auth, ...options, sentinels: [...target.sentinels], name: target.name });
  }
  const { enableOfflineQueue, retryStrategy, enableAutoPipelining, enableReadyCheck, ...perNode } = options;
  const clusterOptions: ClusterOptions = {
    redisOptions: { ...auth, ...perNode },
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableReadyCheck: enableReadyCheck ?? true,
    enableAutoPipelining: enableAutoPipelining ?? false,
    clusterRetryStrategy: retryStrategy ? (attempt) => retryStrategy(attempt) : undefined,
  };
  return new Cluster([...target.nodes], clusterOptions);
}

function credentialsFrom(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * The client's connection failures and recoveries go to `outage`, which warns once per outage: a
 * client retrying its connection emits an error on every attempt.
 */
export function reportOutages<C extends RedisClient>(client: C, outage: OutageLog, source: string): C {
  client.on('error', (error: unknown) => outage.failed(error, source));
  client.on('ready', () => outage.succeeded(source));
  return client;
}

export async function pingRedis(redis: RedisClient): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * A command without a key (SCRIPT LOAD, say) goes to one node of a Cluster, chosen at random, while
 * the EVALSHA that follows goes to the node of its key: such commands are sent to every master.
 */
export async function callOnEveryMaster(redis: RedisClient, command: string, ...args: string[]): Promise<unknown> {
  if (!(redis instanceof Cluster)) return redis.call(command, ...args);
  const answers = await Promise.all(redis.nodes('master').map((node) => node.call(command, ...args)));
  return answers[0];
}
