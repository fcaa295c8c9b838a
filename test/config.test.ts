import { ConfigError, DEV_ADMIN_API_KEY, DEV_SECRET_KEY, loadConfig } from '../src/config';
import { ensureBuilt, startProcess } from './helpers/processes';

describe('Configuration (src/config.ts)', () => {
  test('When nothing is set, then the contract defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/sift',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      host: '0.0.0.0',
      adminApiKey: null,
      queuePrefix: 'sift',
      trustProxy: false,
      corsOrigins: [],
      logLevel: 'info',
      usingDevSecretKey: true,
    });
    expect(config.rateLimit).toEqual({ max: 20, windowSeconds: 60 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['RATE_LIMIT', '5 per minute'],
    ['SECRET_KEY', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['CORS_ORIGINS', 'news.example'],
    ['SPAM_THRESHOLD', '2'],
    ['REDIS_CLUSTER_NODES', 'redis-1'],
    ['REDIS_SENTINELS', 'sentinel-1:26379,:1'],
    ['CONSOLE_UNDO_SECONDS', '-1'],
  ])('When %s is %p, then start-up fails naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  test('When Redis is a Cluster or behind Sentinels, then the addresses are read and a Cluster needs a {hash tag} prefix', () => {
    expect(loadConfig({}).redis).toEqual({ mode: 'single', url: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:6379, redis-2:6380', QUEUE_PREFIX: '{sift}' }).redis).toEqual({
      mode: 'cluster',
      url: 'redis://127.0.0.1:6379',
      nodes: [
        { host: 'redis-1', port: 6379 },
        { host: 'redis-2', port: 6380 },
      ],
    });
    expect(loadConfig({ REDIS_SENTINELS: 'sentinel-1:26379', REDIS_SENTINEL_NAME: 'news' }).redis).toMatchObject({
      mode: 'sentinel',
      sentinels: [{ host: 'sentinel-1', port: 26379 }],
      name: 'news',
    });
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:6379' })).toThrow(/QUEUE_PREFIX.*hash tag/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2', QUEUE_PREFIX: '{s}' })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  test('When NODE_ENV=production and SECRET_KEY is unset, then start-up fails', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY/);
  });

  test('When NODE_ENV=production with the development SECRET_KEY or ADMIN_API_KEY, then start-up fails naming each and the fix', () => {
    const production = { NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32) };

    expect(() => loadConfig({ ...production, SECRET_KEY: DEV_SECRET_KEY })).toThrow(
      /SECRET_KEY: is the development key.*openssl rand -hex 32.*SECRET_KEYS_PREVIOUS.*rotate-keys/,
    );
    expect(() => loadConfig({ ...production, SECRET_KEY: DEV_SECRET_KEY.toUpperCase() })).toThrow(/SECRET_KEY: is the development key/);
    expect(() => loadConfig({ ...production, ADMIN_API_KEY: DEV_ADMIN_API_KEY })).toThrow(
      /ADMIN_API_KEY: is docker-compose.yml's development key/,
    );
    // The move away from the development key keeps it as a previous key: allowed.
    expect(loadConfig({ ...production, SECRET_KEYS_PREVIOUS: DEV_SECRET_KEY }).previousSecretKeys).toEqual([DEV_SECRET_KEY]);
    expect(loadConfig({ ...production, ADMIN_API_KEY: 'an-operator-chosen-admin-key' }).adminApiKey).toBe('an-operator-chosen-admin-key');
  });

  test("When compose's development values are used outside production, then they work and the key is flagged as the development one", () => {
    const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: DEV_SECRET_KEY, ADMIN_API_KEY: DEV_ADMIN_API_KEY });

    expect(config.usingDevSecretKey).toBe(true);
    expect(config.adminApiKey).toBe(DEV_ADMIN_API_KEY);
  });

  test('When the settings are given, then they are parsed', () => {
    const config = loadConfig({
      RATE_LIMIT: 'off',
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      SECRET_KEY: 'ab'.repeat(32),
    });
    expect(config.rateLimit).toBeNull();
    expect(config.trustProxy).toBe(1);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.usingDevSecretKey).toBe(false);
  });

  test('When the test-only WORKER_TEST_DELAY_MS is set in production, then start-up is refused naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32), WORKER_TEST_DELAY_MS: '1000' })).toThrow(
      /WORKER_TEST_DELAY_MS/,
    );
    expect(loadConfig({ RETENTION_DAYS: '7' }).retentionDays).toBe(7);
  });
});

describe('Outside providers (AKISMET_*, PERSPECTIVE_*)', () => {
  test('When no provider key is set, then no provider is configured and nothing leaves the worker', () => {
    expect(loadConfig({}).providers).toMatchObject({ akismet: null, perspective: null, breaker: { failures: 5, resetMs: 30_000 } });
  });

  test('When the keys are given, then each provider is configured with its defaults', () => {
    const config = loadConfig({
      AKISMET_API_KEY: 'abc123def456',
      AKISMET_SITE_URL: 'https://news.example',
      PERSPECTIVE_API_KEY: 'AIzaSyFakeKey_123',
    });
    expect(config.providers.akismet).toEqual({
      apiKey: 'abc123def456',
      siteUrl: 'https://news.example',
      url: 'https://rest.akismet.com',
      timeoutMs: 2000,
    });
    expect(config.providers.perspective).toEqual({
      apiKey: 'AIzaSyFakeKey_123',
      url: 'https://commentanalyzer.googleapis.com/v1alpha1',
      timeoutMs: 2000,
      threshold: 0.8,
      attributes: ['TOXICITY', 'SEVERE_TOXICITY', 'IDENTITY_ATTACK', 'INSULT', 'THREAT'],
    });
  });

  test('When a provider setting is wrong, then start-up fails naming the variable', () => {
    expect(() => loadConfig({ AKISMET_API_KEY: 'abc123def456' })).toThrow(/AKISMET_SITE_URL/);
    expect(() => loadConfig({ PERSPECTIVE_ATTRIBUTES: 'TOXICITY,RUDENESS' })).toThrow(/PERSPECTIVE_ATTRIBUTES/);
    expect(() => loadConfig({ PERSPECTIVE_THRESHOLD: '1.5' })).toThrow(/PERSPECTIVE_THRESHOLD/);
    expect(() => loadConfig({ AKISMET_URL: 'ftp://x' })).toThrow(/AKISMET_URL/);
  });
});

describe('Process start-up with a bad setting', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  test.each([
    ['the API', ['node', 'dist/src/server.js']],
    ['the worker', ['node', 'dist/worker/main.js']],
    ['migrate', ['node', 'dist/src/db/migrate-cli.js']],
  ])('When %s starts with REDIS_URL=nonsense, then it exits non-zero naming REDIS_URL', async (_name, command) => {
    const started = startProcess(command, { REDIS_URL: 'nonsense', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });

    const code = await started.exited;

    expect(code).not.toBe(0);
    expect(started.output()).toContain('REDIS_URL');
  });
});
