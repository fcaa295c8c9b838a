import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createHttpServer } from '../../src/http-server';
import { createLogger } from '../../src/logger';
import { createApiServices, type ApiServices } from '../../src/services';
import { startModerationWorker, type RunningWorker } from '../../worker/moderation-worker';
import { waitFor } from './wait-for';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const TEST_SECRET_KEY = 'a1'.repeat(32);

/** Every line the stack logged, for tests that assert what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/**
 * Start tests once the API's first connection attempt to Redis has ended: connected, or refused (a
 * stack pointed at a dead Redis). `ms` bounds the wait should the attempt hang.
 */
export function redisReadyOrTimeout(services: ApiServices, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (services.redis.status === 'ready') return resolve();
    services.redis.once('ready', () => resolve());
    services.redis.once('error', () => resolve());
    setTimeout(resolve, ms).unref();
  });
}

export interface TestStack {
  /**
   * What tests send requests to (`request(stack.app)`): the API served as src/server.ts serves it
   * (src/http-server.ts), listening on a free port of 127.0.0.1.
   */
  app: Server;
  /** The same API's base URL, for clients other than supertest (a browser). */
  url: string;
  /** The Express app itself, for tests that look inside it. */
  express: Express;
  config: Config;
  services: ApiServices;
  worker: RunningWorker | null;
  logs: LogCapture;
  close(): Promise<void>;
}

export interface ServedApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves `app` on the API's own HTTP server (src/http-server.ts), on a free port of 127.0.0.1. */
export async function serveOnFreePort(app: Express, timeouts?: Config['http']): Promise<ServedApi> {
  const server = createHttpServer(app, timeouts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A unique queue prefix per stack, so test files never see each other's jobs or rate limits. */
export function uniquePrefix(): string {
  return `t-${process.env.SIFT_TEST_RUN_ID ?? 'local'}-${randomBytes(4).toString('hex')}`;
}

/** A fresh database cloned from the run's migrated template; dropped by dropTestDatabase. */
export async function createTestDatabase(): Promise<string> {
  const template = new URL(process.env.SIFT_TEST_DATABASE_URL!);
  const name = `${template.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) =>
    // Two clones starting at the same instant contend for the template: try again until it is free.
    waitFor(
      () =>
        admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.pathname.slice(1)}"`).then(
          () => true,
          (error: Error) => {
            if (!/being accessed by other users/.test(error.message)) throw error;
            return undefined;
          },
        ),
      10_000,
      `the template database to be free for ${name}`,
    ),
  );
  template.pathname = `/${name}`;
  return template.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withAdmin<T>(fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: process.env.SIFT_TEST_POSTGRES_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: process.env.SIFT_TEST_DATABASE_URL!,
    REDIS_URL: process.env.SIFT_TEST_REDIS_URL!,
    ADMIN_API_KEY: ADMIN_KEY,
    SECRET_KEY: TEST_SECRET_KEY,
    QUEUE_PREFIX: uniquePrefix(),
    RATE_LIMIT: 'off',
    READ_RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
    SWEEP_INTERVAL_SECONDS: '1',
    SWEEP_AFTER_SECONDS: '2',
    FEEDBACK_POLL_SECONDS: '1',
    // Surge mode would pre-moderate the busy articles of unrelated tests; test/notify/surge turns it on.
    SURGE_COMMENTS: 'off',
    SURGE_SPAM_RATE: 'off',
    ...env,
  });
}

export interface TestStackOptions {
  env?: Record<string, string>;
  /** Also run a moderation worker in-process. */
  worker?: boolean;
  /** Use that stack's database instead of a fresh one (another "process" of the same deployment). */
  shareDatabaseWith?: TestStack;
}

/** The API in-process (on its own HTTP server; supertest drives `app`), and optionally a worker, on real PostgreSQL and Redis. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const shared = options.shareDatabaseWith?.config.databaseUrl;
  const databaseUrl = shared ?? (await createTestDatabase());
  const config = testConfig({ DATABASE_URL: databaseUrl, ...options.env });
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const services = createApiServices(config, logger);
  await redisReadyOrTimeout(services, 1000);
  const worker = options.worker ? await startModerationWorker(config, logger) : null;
  const express = createApp(services);
  const served = await serveOnFreePort(express, config.http);
  return {
    app: served.server,
    url: served.url,
    express,
    config,
    services,
    worker,
    logs,
    async close() {
      await served.close();
      await worker?.close();
      await services.close();
      if (!shared) await dropTestDatabase(databaseUrl);
    },
  };
}

/**
 * A second stack for the length of one test: another process of the same deployment
 * (`shareDatabaseWith`), or the API with one setting changed. Closed when `use` ends, pass or fail.
 * For a stack that serves a whole describe block, useTestStack.
 */
export async function withTestStack<T>(options: TestStackOptions, use: (stack: TestStack) => Promise<T>): Promise<T> {
  const stack = await startTestStack(options);
  try {
    return await use(stack);
  } finally {
    await stack.close();
  }
}

/** What useTestStack keeps per stack: the running one, and the stacks that share its database. */
interface StackSlot {
  running: TestStack | null;
  sharers: StackSlot[];
  close(): Promise<void>;
}

const slots = new WeakMap<TestStack, StackSlot>();

/**
 * A test stack for the enclosing describe block (or file): started in beforeAll, closed in afterAll.
 * What it returns reads the running stack (`stack.app`, `stack.services`…) inside hooks and tests.
 * Options may be a function, evaluated in beforeAll, when they depend on another stack
 * (`() => ({ shareDatabaseWith: first, env: { QUEUE_PREFIX: first.config.queuePrefix } })`); a stack
 * that shares another's database is closed before that one drops it.
 */
export function useTestStack(options: TestStackOptions | (() => TestStackOptions) = {}): TestStack {
  const slot: StackSlot = {
    running: null,
    sharers: [],
    async close() {
      for (const sharer of slot.sharers.splice(0)) await sharer.close();
      const running = slot.running;
      slot.running = null;
      await running?.close();
    },
  };
  const current = (): TestStack => {
    if (!slot.running) throw new Error('useTestStack: the stack runs only from its beforeAll to its afterAll');
    return slot.running;
  };
  const stack: TestStack = {
    get app() {
      return current().app;
    },
    get url() {
      return current().url;
    },
    get express() {
      return current().express;
    },
    get config() {
      return current().config;
    },
    get services() {
      return current().services;
    },
    get worker() {
      return current().worker;
    },
    get logs() {
      return current().logs;
    },
    close: () => slot.close(),
  };
  slots.set(stack, slot);
  beforeAll(async () => {
    const resolved = typeof options === 'function' ? options() : options;
    slot.running = await startTestStack(resolved);
    if (resolved.shareDatabaseWith) slots.get(resolved.shareDatabaseWith)?.sharers.push(slot);
  });
  afterAll(() => slot.close());
  return stack;
}
