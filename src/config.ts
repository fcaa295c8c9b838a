import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * The one place that reads process.env. Every setting is parsed once, checked, given the
 * CONTRACT's default and frozen; a bad value stops the process with a message naming the variable.
 */

/**
 * The development secrets everyone knows: the built-in SECRET_KEY (also docker-compose.yml's default)
 * and compose's ADMIN_API_KEY. Fine on a laptop, refused when NODE_ENV=production.
 */
export const DEV_SECRET_KEY = '0'.repeat(64);
export const DEV_ADMIN_API_KEY = 'dev-admin-key-change-me';

const rateLimitSetting = z.string().transform((value, ctx) => {
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+)s$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    ctx.addIssue({ code: 'custom', message: 'expected N/SECONDSs (e.g. 5/60s) or off' });
    return z.NEVER;
  }
  return { max: Number(match[1]), windowSeconds: Number(match[2]) };
});

const trustProxySetting = z.string().transform((value): boolean | number | string => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
});

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${protocols.join(' or ')}//`,
  );

/** `host:port,host:port`: a Redis Cluster's seed nodes or a Sentinel group. */
const hostPortList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected comma-separated host:port entries'))
      .min(1, 'expected at least one host:port'),
  )
  .transform((entries) =>
    entries.map((entry) => ({ host: entry.slice(0, entry.lastIndexOf(':')), port: Number(entry.slice(entry.lastIndexOf(':') + 1)) })),
  );

const probability = z.coerce.number().min(0).max(1);

/** Perspective API attributes Sift can ask for (https://developers.perspectiveapi.com). */
export const PERSPECTIVE_ATTRIBUTES = ['TOXICITY', 'SEVERE_TOXICITY', 'IDENTITY_ATTACK', 'INSULT', 'PROFANITY', 'THREAT'] as const;
export type PerspectiveAttribute = (typeof PERSPECTIVE_ATTRIBUTES)[number];
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/sift'),
  DATABASE_READ_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  REDIS_SENTINELS: hostPortList.optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a Sentinel master name')
    .default('mymaster'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:.-]{1,64}$/, 'expected 1-64 of A-Z a-z 0-9 _ { } : . -')
    .default('sift'),
  TRUST_PROXY: trustProxySetting.optional(),
  CORS_ORIGINS: z
    .string()
    .prefault('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url(['http:', 'https:']))),
  RATE_LIMIT: rateLimitSetting.prefault('20/60s'),
  READ_RATE_LIMIT: rateLimitSetting.prefault('600/60s'),
  RECOMMEND_RATE_LIMIT: rateLimitSetting.prefault('60/60s'),
  REPORT_RATE_LIMIT: rateLimitSetting.prefault('10/600s'),
  REPORT_HOLD_THRESHOLD: z.union([z.literal('off').transform(() => null), positiveInt.max(1000)]).default(3),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expected 32 bytes as 64 hex characters')
    .optional(),
  SECRET_KEYS_PREVIOUS: z
    .string()
    .prefault('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected comma-separated 64-hex-character keys'))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  ACCESS_LOG: z.enum(['true', 'false']).default('true'),
  ACCESS_LOG_IP: z.enum(['true', 'false']).default('false'),
  SPAM_THRESHOLD: probability.default(0.5),
  SPAM_HOLD_THRESHOLD: probability.default(0.3),
  WORKER_CONCURRENCY: positiveInt.max(1024).default(256),
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,512}$/, 'must be 16-512 visible ASCII characters')
    .optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SWEEP_INTERVAL_SECONDS: positiveInt.default(5),
  SWEEP_AFTER_SECONDS: positiveInt.default(5),
  FEEDBACK_POLL_SECONDS: positiveInt.default(2),
  DB_POOL_MAX: positiveInt.max(100).default(10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt.default(5000),
  DB_CONNECT_TIMEOUT_MS: positiveInt.default(2000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt.min(100).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt.min(100).default(30_000),
  DEMO_PAGE: z.enum(['true', 'false']).optional(),
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  WEBHOOK_POLL_MS: positiveInt.min(50).default(1000),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10000),
  WEBHOOK_RETRY_BASE_MS: positiveInt.default(10000),
  WEBHOOK_RETRY_HOURS: z.coerce.number().positive().max(168).default(24),
  SURGE_COMMENTS: z.union([z.literal('off').transform(() => null), positiveInt]).default(300),
  SURGE_WINDOW_MINUTES: positiveInt.default(10),
  SURGE_SPAM_RATE: z.union([z.literal('off').transform(() => null), probability]).default(0.5),
  SURGE_SPAM_MIN_COMMENTS: positiveInt.default(10),
  SURGE_DURATION_MINUTES: positiveInt.default(60),
  SURGE_POLL_SECONDS: positiveInt.default(10),
  AUTO_CLOSE_AFTER_DAYS: z.coerce.number().positive().optional(),
  TRUST_MIN_APPROVED: z.coerce.number().int().min(0).default(3),
  TRUST_WINDOW_DAYS: positiveInt.default(90),
  HOLD_FIRST_COMMENT_WITH_LINK: z.enum(['true', 'false']).default('true'),
  RETENTION_DAYS: positiveInt.default(30),
  RETENTION_INTERVAL_SECONDS: positiveInt.default(3600),
  WORKER_LOCK_DURATION_MS: positiveInt.min(1000).default(15000),
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(0),
  CHECK_BUDGET_MS: positiveInt.max(60_000).default(1000),
  PROFANITY_MASKED: z.enum(['approve', 'hold', 'reject']).default('hold'),
  WORKER_STALLED_INTERVAL_MS: positiveInt.min(500).default(5000),
  WORKER_TEST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(8),
  CONSOLE_IDLE_MINUTES: positiveInt.max(24 * 60).default(30),
  CONSOLE_SIGNIN_LIMIT: rateLimitSetting.prefault('10/900s'),
  CONSOLE_UNDO_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  AKISMET_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'expected an Akismet API key (letters and digits)')
    .optional(),
  AKISMET_SITE_URL: url(['http:', 'https:']).optional(),
  AKISMET_URL: url(['http:', 'https:']).default('https://rest.akismet.com'),
  AKISMET_TIMEOUT_MS: positiveInt.max(60_000).default(2000),
  PERSPECTIVE_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, 'expected a Google API key')
    .optional(),
  PERSPECTIVE_URL: url(['http:', 'https:']).default('https://commentanalyzer.googleapis.com/v1alpha1'),
  PERSPECTIVE_TIMEOUT_MS: positiveInt.max(60_000).default(2000),
  PERSPECTIVE_THRESHOLD: probability.default(0.8),
  PERSPECTIVE_ATTRIBUTES: z
    .string()
    .prefault('TOXICITY,SEVERE_TOXICITY,IDENTITY_ATTACK,INSULT,THREAT')
    .transform((value) =>
      value
        .split(',')
        .map((a) => a.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(PERSPECTIVE_ATTRIBUTES, { message: `expected a comma-separated list of ${PERSPECTIVE_ATTRIBUTES.join(', ')}` }))
        .min(1),
    ),
  SSO_HS256_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)').optional(),
  SSO_PUBLIC_KEY: z
    .string()
    // One line in an env file: the PEM's line breaks may be written as \n.
    .transform((value) => value.replace(/\\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/, 'expected a PEM public key (-----BEGIN PUBLIC KEY-----)'),
    )
    .optional(),
  SSO_JWKS_URL: url(['http:', 'https:']).optional(),
  SSO_JWKS_TIMEOUT_MS: positiveInt.max(60_000).default(2000),
  SSO_JWKS_CACHE_SECONDS: positiveInt.max(86_400).default(600),
  SSO_ISSUER: z.string().min(1).max(500).optional(),
  SSO_AUDIENCE: z.string().min(1).max(500).optional(),
  SSO_BADGES: z
    .string()
    .prefault('Staff,Subscriber')
    .transform((value) =>
      value
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[\p{L}\p{N} ._-]{1,40}$/u, 'expected comma-separated badges of 1-40 letters, digits, spaces . _ -'))),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  SMTP_FROM: z.string().min(3).max(320).optional(),
  NOTIFY_POLL_MS: positiveInt.min(50).default(2000),
  NOTIFY_MAX_ATTEMPTS: positiveInt.max(100).default(8),
  NOTIFY_RETRY_BASE_MS: positiveInt.default(30_000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  PROVIDER_BREAKER_FAILURES: positiveInt.max(1000).default(5),
  PROVIDER_BREAKER_RESET_MS: positiveInt.default(30_000),
});

export type Config = Readonly<{
  env: string;
  databaseUrl: string;
  databaseReadUrl: string;
  redisUrl: string;
  /** How to reach Redis: one node (REDIS_URL), a Cluster or a Sentinel group; see src/queue/redis.ts. */
  redis: RedisTarget;
  port: number;
  host: string;
  adminApiKey: string | null;
  queuePrefix: string;
  trustProxy: boolean | number | string;
  corsOrigins: readonly string[];
  rateLimit: { max: number; windowSeconds: number } | null;
  /** Public reads per client IP, counted in each API process; null: no limit. */
  readRateLimit: { max: number; windowSeconds: number } | null;
  /** Readers' recommendations (given or taken back) and reports per client, counted in Redis; null: no limit. */
  recommendRateLimit: { max: number; windowSeconds: number } | null;
  reportRateLimit: { max: number; windowSeconds: number } | null;
  /** A published comment reported by this many readers (reports not yet decided) is held; null: never. */
  reportHoldThreshold: number | null;
  secretKey: string;
  previousSecretKeys: readonly string[];
  usingDevSecretKey: boolean;
  logLevel: string;
  /** `json` lines, or `pretty` (pino-pretty) for a developer's terminal. */
  logFormat: 'json' | 'pretty';
  /** One line per request (src/api/access-log.ts); the client IP in it only when accessLogIp. */
  accessLog: boolean;
  accessLogIp: boolean;
  spamThreshold: number;
  spamHoldThreshold: number;
  workerConcurrency: number;
  workerMetricsPort: number | null;
  /** Bearer token that opens GET /metrics on the API port; null: that endpoint answers 404. */
  metricsToken: string | null;
  /** The API also serves GET /metrics, without a token, on this port (for an internal scraper). */
  metricsPort: number | null;
  sweepIntervalSeconds: number;
  sweepAfterSeconds: number;
  feedbackPollSeconds: number;
  dbPoolMax: number;
  dbStatementTimeoutMs: number;
  dbConnectTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** How long a client may take to send a request's headers, and the whole request: slow senders are cut off (408). */
  http: Readonly<{ headersTimeoutMs: number; requestTimeoutMs: number }>;
  /** Serve the demo article page (/demo/{articleId}); off by default when NODE_ENV=production. */
  demoPage: boolean;
  webhooks: Readonly<{ allowPrivate: boolean; pollMs: number; timeoutMs: number; retryBaseMs: number; retryHours: number }>;
  surge: Readonly<{
    comments: number | null;
    windowMinutes: number;
    spamRate: number | null;
    spamMinComments: number;
    durationMinutes: number;
    pollSeconds: number;
  }>;
  /** Articles close this many days after their first comment; null: never automatically. */
  autoCloseAfterDays: number | null;
  /** Trusted authors (this many approved, none rejected in the window) skip holding for borderline scores; 0 turns trust off. */
  trustMinApproved: number;
  trustWindowDays: number;
  holdFirstCommentWithLink: boolean;
  retentionDays: number;
  retentionIntervalSeconds: number;
  workerLockDurationMs: number;
  /** WORKER_NICE: the worker process's nice level, so that intake goes first on a shared host (worker/main.ts). */
  workerNice: number;
  /** The time one comment's built-in checks and word lists may take before it is held for a moderator. */
  checkBudgetMs: number;
  /** What a masked word ("f**k") does: pass, hold for a moderator, or reject. */
  profanityMasked: 'approve' | 'hold' | 'reject';
  workerStalledIntervalMs: number;
  /** Test-only: each moderation job waits this long first, so fault tests can kill a worker mid-job. */
  workerTestDelayMs: number;
  /** Started by an npm script (npm sets npm_lifecycle_event): the process then stops with its parent (src/parent-watch.ts). */
  startedByNpm: boolean;
  /**
   * The moderation console's sessions (absolute lifetime, idle timeout, wrong keys per client IP),
   * and how long its decisions wait to be undone before they are sent (0: sent at once, no undo).
   */
  console: Readonly<{
    sessionHours: number;
    idleMinutes: number;
    signInLimit: { max: number; windowSeconds: number } | null;
    undoSeconds: number;
  }>;
  /** Signed-in readers: how the site's tokens are verified; null when no key is configured (src/identity/sso.ts). */
  sso: SsoConfig | null;
  /** Reply notifications by email; null when SMTP_URL is unset (src/notify/reply-mailer.ts). */
  smtp: Readonly<{ url: string; from: string }> | null;
  notify: Readonly<{ pollMs: number; maxAttempts: number; retryBaseMs: number }>;
  /** Where readers reach this API from outside (the unsubscribe links in emails); null: http://localhost:PORT. */
  publicUrl: string | null;
  /** Outside spam and toxicity providers; each null unless its key is set. */
  providers: Readonly<{
    akismet: Readonly<{ apiKey: string; siteUrl: string; url: string; timeoutMs: number }> | null;
    perspective: Readonly<{
      apiKey: string;
      url: string;
      timeoutMs: number;
      threshold: number;
      attributes: readonly PerspectiveAttribute[];
    }> | null;
    /** A provider's circuit opens after this many failed calls (half of those in 10 s) and stays open this long. */
    breaker: Readonly<{ failures: number; resetMs: number }>;
  }>;
}>;

export type SsoKey =
  | { kind: 'hs256'; secret: string }
  | { kind: 'public-key'; pem: string; algorithm: 'RS256' | 'ES256' }
  | { kind: 'jwks'; url: string; timeoutMs: number; cacheSeconds: number };

export type SsoConfig = Readonly<{
  key: SsoKey;
  issuer: string | null;
  audience: string | null;
  /** The badges a token may give a reader; any other value is dropped. */
  badges: readonly string[];
}>;

export interface HostPort {
  host: string;
  port: number;
}

/**
 * REDIS_URL always gives the credentials, TLS (`rediss:`) and, for one node, the address; with
 * REDIS_CLUSTER_NODES or REDIS_SENTINELS the addresses come from those instead.
 */
export type RedisTarget =
  | { mode: 'single'; url: string }
  | { mode: 'cluster'; url: string; nodes: readonly HostPort[] }
  | { mode: 'sentinel'; url: string; sentinels: readonly HostPort[]; name: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd` and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') refuseDevelopmentSecrets(e);
  if (e.WORKER_TEST_DELAY_MS > 0 && e.NODE_ENV === 'production') {
    throw new ConfigError(['WORKER_TEST_DELAY_MS: a test-only setting, refused when NODE_ENV=production']);
  }
  if (e.REDIS_CLUSTER_NODES && e.REDIS_SENTINELS) {
    throw new ConfigError(['REDIS_CLUSTER_NODES: set either it or REDIS_SENTINELS, not both']);
  }
  if (e.REDIS_CLUSTER_NODES && !/^\{[^{}]+\}/.test(e.QUEUE_PREFIX)) {
    // BullMQ's keys of one queue must share a hash slot: the prefix must start with a {hash tag}.
    throw new ConfigError(['QUEUE_PREFIX: with REDIS_CLUSTER_NODES it must start with a hash tag, e.g. {sift}']);
  }
  if (e.AKISMET_API_KEY && !e.AKISMET_SITE_URL) {
    throw new ConfigError(['AKISMET_SITE_URL: required with AKISMET_API_KEY (the site the key was issued for, e.g. https://news.example)']);
  }
  const ssoKeys = [e.SSO_HS256_SECRET && 'SSO_HS256_SECRET', e.SSO_PUBLIC_KEY && 'SSO_PUBLIC_KEY', e.SSO_JWKS_URL && 'SSO_JWKS_URL'].filter(
    Boolean,
  );
  if (ssoKeys.length > 1) {
    throw new ConfigError([`${ssoKeys[1]}: set one of SSO_HS256_SECRET, SSO_PUBLIC_KEY or SSO_JWKS_URL, not ${ssoKeys.join(' and ')}`]);
  }
  if (e.SMTP_URL && !e.SMTP_FROM) {
    throw new ConfigError([
      'SMTP_FROM: required with SMTP_URL (the sender of reply notifications, e.g. "The Daily Sift <comments@news.example>")',
    ]);
  }
  if (e.CHECK_BUDGET_MS >= e.WORKER_LOCK_DURATION_MS) {
    // A job busy past its lock is handed to another worker, which is what the budget prevents.
    throw new ConfigError(['CHECK_BUDGET_MS: must be below WORKER_LOCK_DURATION_MS']);
  }
  if (e.SPAM_HOLD_THRESHOLD > e.SPAM_THRESHOLD) {
    throw new ConfigError(['SPAM_HOLD_THRESHOLD: must not be above SPAM_THRESHOLD']);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL ?? e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redis: Object.freeze(redisTarget(e)),
    port: e.PORT,
    host: e.HOST,
    adminApiKey: e.ADMIN_API_KEY ?? null,
    queuePrefix: e.QUEUE_PREFIX,
    trustProxy: e.TRUST_PROXY ?? false,
    corsOrigins: Object.freeze(e.CORS_ORIGINS),
    rateLimit: e.RATE_LIMIT,
    readRateLimit: e.READ_RATE_LIMIT,
    recommendRateLimit: e.RECOMMEND_RATE_LIMIT,
    reportRateLimit: e.REPORT_RATE_LIMIT,
    reportHoldThreshold: e.REPORT_HOLD_THRESHOLD,
    secretKey: (e.SECRET_KEY ?? DEV_SECRET_KEY).toLowerCase(),
    previousSecretKeys: Object.freeze(e.SECRET_KEYS_PREVIOUS.map((key) => key.toLowerCase())),
    usingDevSecretKey: (e.SECRET_KEY ?? DEV_SECRET_KEY).toLowerCase() === DEV_SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    accessLog: e.ACCESS_LOG === 'true',
    accessLogIp: e.ACCESS_LOG_IP === 'true',
    spamThreshold: e.SPAM_THRESHOLD,
    spamHoldThreshold: e.SPAM_HOLD_THRESHOLD,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerNice: e.WORKER_NICE,
    workerMetricsPort: e.WORKER_METRICS_PORT ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPort: e.METRICS_PORT ?? null,
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    sweepAfterSeconds: e.SWEEP_AFTER_SECONDS,
    feedbackPollSeconds: e.FEEDBACK_POLL_SECONDS,
    dbPoolMax: e.DB_POOL_MAX,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    http: Object.freeze({
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    }),
    demoPage: e.DEMO_PAGE ? e.DEMO_PAGE === 'true' : e.NODE_ENV !== 'production',
    webhooks: Object.freeze({
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      pollMs: e.WEBHOOK_POLL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryHours: e.WEBHOOK_RETRY_HOURS,
    }),
    surge: Object.freeze({
      comments: e.SURGE_COMMENTS,
      windowMinutes: e.SURGE_WINDOW_MINUTES,
      spamRate: e.SURGE_SPAM_RATE,
      spamMinComments: e.SURGE_SPAM_MIN_COMMENTS,
      durationMinutes: e.SURGE_DURATION_MINUTES,
      pollSeconds: e.SURGE_POLL_SECONDS,
    }),
    autoCloseAfterDays: e.AUTO_CLOSE_AFTER_DAYS ?? null,
    trustMinApproved: e.TRUST_MIN_APPROVED,
    trustWindowDays: e.TRUST_WINDOW_DAYS,
    holdFirstCommentWithLink: e.HOLD_FIRST_COMMENT_WITH_LINK === 'true',
    retentionDays: e.RETENTION_DAYS,
    retentionIntervalSeconds: e.RETENTION_INTERVAL_SECONDS,
    workerLockDurationMs: e.WORKER_LOCK_DURATION_MS,
    checkBudgetMs: e.CHECK_BUDGET_MS,
    profanityMasked: e.PROFANITY_MASKED,
    workerStalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    workerTestDelayMs: e.WORKER_TEST_DELAY_MS,
    startedByNpm: Boolean(present.npm_lifecycle_event),
    console: Object.freeze({
      sessionHours: e.CONSOLE_SESSION_HOURS,
      idleMinutes: e.CONSOLE_IDLE_MINUTES,
      signInLimit: e.CONSOLE_SIGNIN_LIMIT,
      undoSeconds: e.CONSOLE_UNDO_SECONDS,
    }),
    sso: ssoConfig(e),
    smtp: e.SMTP_URL ? Object.freeze({ url: e.SMTP_URL, from: e.SMTP_FROM! }) : null,
    notify: Object.freeze({ pollMs: e.NOTIFY_POLL_MS, maxAttempts: e.NOTIFY_MAX_ATTEMPTS, retryBaseMs: e.NOTIFY_RETRY_BASE_MS }),
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    providers: Object.freeze({
      akismet: e.AKISMET_API_KEY
        ? Object.freeze({
            apiKey: e.AKISMET_API_KEY,
            siteUrl: e.AKISMET_SITE_URL!,
            url: e.AKISMET_URL.replace(/\/+$/, ''),
            timeoutMs: e.AKISMET_TIMEOUT_MS,
          })
        : null,
      perspective: e.PERSPECTIVE_API_KEY
        ? Object.freeze({
            apiKey: e.PERSPECTIVE_API_KEY,
            url: e.PERSPECTIVE_URL.replace(/\/+$/, ''),
            timeoutMs: e.PERSPECTIVE_TIMEOUT_MS,
            threshold: e.PERSPECTIVE_THRESHOLD,
            attributes: Object.freeze([...new Set(e.PERSPECTIVE_ATTRIBUTES)]),
          })
        : null,
      breaker: Object.freeze({ failures: e.PROVIDER_BREAKER_FAILURES, resetMs: e.PROVIDER_BREAKER_RESET_MS }),
    }),
  });
}

/**
 * In production the secrets must be the operator's own: not unset, and not the development values
 * that docker-compose.yml and the README print for everyone to read.
 */
function refuseDevelopmentSecrets(e: z.infer<typeof envSchema>): void {
  const problems: string[] = [];
  if (!e.SECRET_KEY) {
    problems.push('SECRET_KEY: required when NODE_ENV=production (32 random bytes as hex: openssl rand -hex 32)');
  } else if (e.SECRET_KEY.toLowerCase() === DEV_SECRET_KEY) {
    problems.push(
      "SECRET_KEY: is the development key (docker-compose.yml's default), refused when NODE_ENV=production. " +
        'Set your own (openssl rand -hex 32); to keep the emails written under the development key, also set ' +
        'SECRET_KEYS_PREVIOUS to it and run npm run rotate-keys (README: Rotating SECRET_KEY)',
    );
  }
  if (e.ADMIN_API_KEY === DEV_ADMIN_API_KEY) {
    problems.push(
      "ADMIN_API_KEY: is docker-compose.yml's development key, refused when NODE_ENV=production. " +
        'Set your own (openssl rand -hex 24), or leave it unset once moderators have their own keys',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

function ssoConfig(e: z.infer<typeof envSchema>): SsoConfig | null {
  const key: SsoKey | null = e.SSO_HS256_SECRET
    ? { kind: 'hs256', secret: e.SSO_HS256_SECRET }
    : e.SSO_PUBLIC_KEY
      ? { kind: 'public-key', pem: e.SSO_PUBLIC_KEY, algorithm: publicKeyAlgorithm(e.SSO_PUBLIC_KEY) }
      : e.SSO_JWKS_URL
        ? { kind: 'jwks', url: e.SSO_JWKS_URL, timeoutMs: e.SSO_JWKS_TIMEOUT_MS, cacheSeconds: e.SSO_JWKS_CACHE_SECONDS }
        : null;
  if (!key) return null;
  return Object.freeze({
    key: Object.freeze(key),
    issuer: e.SSO_ISSUER ?? null,
    audience: e.SSO_AUDIENCE ?? null,
    badges: Object.freeze([...new Set(e.SSO_BADGES)]),
  });
}

/** RS256 for an RSA key (2048 bits or more), ES256 for an EC key on P-256; anything else stops the process. */
function publicKeyAlgorithm(pem: string): 'RS256' | 'ES256' {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError(['SSO_PUBLIC_KEY: not a readable PEM public key']);
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) return 'RS256';
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return 'ES256';
  throw new ConfigError(['SSO_PUBLIC_KEY: expected an RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256)']);
}

function redisTarget(e: z.infer<typeof envSchema>): RedisTarget {
  if (e.REDIS_CLUSTER_NODES) return { mode: 'cluster', url: e.REDIS_URL, nodes: e.REDIS_CLUSTER_NODES };
  if (e.REDIS_SENTINELS) return { mode: 'sentinel', url: e.REDIS_URL, sentinels: e.REDIS_SENTINELS, name: e.REDIS_SENTINEL_NAME };
  return { mode: 'single', url: e.REDIS_URL };
}

/** For process entry points: print the problem naming the variable, then exit non-zero. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
