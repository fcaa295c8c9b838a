import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parse } from 'yaml';
import { ensureBuilt, freePort, ROOT, startProcess, waitForHttp, type RunningProcess } from './helpers/processes';
import { uniquePrefix } from './helpers/test-stack';

/**
 * There is no Docker engine on the build machine, so docker-compose.yml is kept honest two ways:
 * compose itself validates it, and each service's own command runs with its own environment,
 * hostnames mapped to the local PostgreSQL and Redis, through a comment's whole path.
 */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string | null>;
  image?: string;
}

const compose = () =>
  parse(execFileSync('docker-compose', ['config'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } })) as {
    services: Record<string, ComposeService>;
  };

describe('docker-compose.yml', () => {
  test('When compose validates the file, then it is valid', () => {
    expect(() => execFileSync('docker-compose', ['config', '-q'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  test('When compose reads it, then it defines postgres, redis (noeviction), migrate, api and worker running node dist/...', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.redis!.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
    for (const name of ['migrate', 'api', 'worker']) expect(services[name]!.command![0]).toBe('node');
  });

  describe('each service command, run locally with its own environment', () => {
    const processes: RunningProcess[] = [];
    const databaseName = `sift_compose_${randomBytes(4).toString('hex')}`;

    const localEnv = (service: ComposeService, extra: Record<string, string> = {}) => {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(service.environment ?? {})) if (value) env[key] = value;
      // Compose's hostnames stand for this machine's services; the database is a fresh one.
      env.DATABASE_URL = env.DATABASE_URL!.replace(/@postgres:5432\/sift$/, `@127.0.0.1:5432/${databaseName}`);
      env.REDIS_URL = env.REDIS_URL!.replace('redis://redis:6379', process.env.SIFT_TEST_REDIS_URL!);
      env.QUEUE_PREFIX = uniquePrefix();
      return { ...env, ...extra };
    };

    beforeAll(() => ensureBuilt(), 120_000);

    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop('SIGKILL')));
      const admin = new Client({ connectionString: process.env.SIFT_TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    });

    test('When migrate, api and worker start as compose starts them, then a clean comment is approved and public without its email, and SIGTERM exits cleanly', async () => {
      const { services } = compose();
      expect(services.migrate!.environment!.DATABASE_URL).toContain('@postgres:5432/sift');
      expect(services.api!.environment!.REDIS_URL).toBe('redis://redis:6379');

      const migrate = startProcess(services.migrate!.command!, localEnv(services.migrate!));
      expect(await migrate.exited).toBe(0);

      const port = await freePort();
      const queuePrefix = uniquePrefix();
      const api = startProcess(services.api!.command!, localEnv(services.api!, { PORT: String(port), HOST: '127.0.0.1', QUEUE_PREFIX: queuePrefix }));
      const metricsPort = await freePort();
      expect(services.worker!.environment!.WORKER_METRICS_PORT).toBeTruthy();
      const worker = startProcess(
        services.worker!.command!,
        localEnv(services.worker!, { QUEUE_PREFIX: queuePrefix, WORKER_METRICS_PORT: String(metricsPort) }),
      );
      processes.push(api, worker);
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/readyz`);

      const posted = await fetch(`${base}/v1/articles/nhs-cyberattack/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ authorName: 'Dana', authorEmail: 'dana@example.org', body: 'Good write-up of how the trusts recovered.' }),
      });
      expect(posted.status).toBe(202);
      const { id } = (await posted.json()) as { id: string };

      const started = Date.now();
      let published: Response | null = null;
      while (Date.now() - started < 15_000) {
        published = await fetch(`${base}/v1/comments/${id}`);
        if (published.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(published!.status).toBe(200);
      const listed = await (await fetch(`${base}/v1/articles/nhs-cyberattack/comments`)).text();
      expect(listed).toContain('Good write-up');
      expect(listed).not.toContain('dana@example.org');
      expect(api.output() + worker.output()).not.toContain('dana@example.org');
      const workerMetrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(workerMetrics).toMatch(/sift_decisions_total\{status="approved",by="auto"\} 1/);

      expect(await api.stop('SIGTERM')).toBe(0);
      expect(await worker.stop('SIGTERM')).toBe(0);
    }, 60_000);
  });
});
