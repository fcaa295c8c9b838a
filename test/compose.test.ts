import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { ensureBuilt, freePort, ROOT, startProcess, waitForHttp, type RunningProcess } from './helpers/processes';
import { uniquePrefix } from './helpers/test-stack';
import { waitFor } from './helpers/wait-for';

/**
 * There is no Docker engine on the build machine, so docker-compose.yml is kept honest two ways:
 * compose itself validates and interpolates it, and each service's command runs with the
 * environment it really gets in its container — the Dockerfile's final-stage ENV merged with
 * compose's `environment` (compose wins), interpolated by compose with an empty shell environment —
 * with only the hostnames (and published ports) mapped to this machine's services, through a
 * comment's whole path and each health check.
 */
interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  ports?: Array<string | { host_ip?: string; published?: string | number; target?: number }>;
  healthcheck?: { test?: string[] };
  volumes?: Array<string | { target?: string }>;
}

const APP_SERVICES = ['migrate', 'api', 'worker'] as const;

/** The file as compose reads it with nothing set in the shell: `${VAR:-default}` gives the default. */
let parsed: { services: Record<string, ComposeService> } | null = null;
const compose = () =>
  (parsed ??= parse(execFileSync('docker-compose', ['config'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } })) as {
    services: Record<string, ComposeService>;
  });

interface ImageRuntime {
  env: Record<string, string>;
  workdir: string;
  cmd: string[];
}

/**
 * The final stage of a Dockerfile as the container sees it: its ENV (both `ENV K=V …` and `ENV K V`
 * forms, inherited from an earlier stage it is built `FROM`), WORKDIR and CMD (exec form).
 */
function dockerfileRuntime(text: string): ImageRuntime {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = new Map<string, ImageRuntime>();
  let current: ImageRuntime = { env: {}, workdir: '/', cmd: [] };
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = line.slice(instruction.length).trim();
    switch (instruction.toUpperCase()) {
      case 'FROM': {
        const base = stages.get(rest[0].toLowerCase());
        current = base ? { env: { ...base.env }, workdir: base.workdir, cmd: [...base.cmd] } : { env: {}, workdir: '/', cmd: [] };
        const alias = /\sAS\s+(\S+)/i.exec(args)?.[1];
        if (alias) stages.set(alias.toLowerCase(), current);
        break;
      }
      case 'ENV':
        if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
          for (const [, key, quoted, bare] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g)) {
            current.env[key] = quoted ?? bare ?? '';
          }
        } else {
          current.env[rest[0]] = args.slice(rest[0].length).trim();
        }
        break;
      case 'WORKDIR':
        current.workdir = path.posix.resolve(current.workdir, args);
        break;
      case 'CMD':
        current.cmd = JSON.parse(args) as string[];
        break;
    }
  }
  return current;
}

/** What the container's process gets: the image's ENV, then compose's environment over it. */
function containerEnv(image: ImageRuntime, service: ComposeService): Record<string, string> {
  const env: Record<string, string> = { ...image.env };
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    // `KEY:` with no value passes the shell's KEY through, and the shell here is empty.
    if (value !== null) env[key] = String(value);
  }
  return env;
}

describe('docker-compose.yml', () => {
  const image = dockerfileRuntime(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));

  test('When compose validates the file, then it is valid', () => {
    expect(() =>
      execFileSync('docker-compose', ['config', '-q'], { cwd: ROOT, stdio: 'pipe', env: { PATH: process.env.PATH } }),
    ).not.toThrow();
  });

  test('When compose reads it, then it defines postgres, redis (noeviction), migrate, api and worker running node dist/... from one image', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
    for (const name of APP_SERVICES) {
      const command = services[name].command ?? image.cmd;
      expect(command[0]).toBe('node');
      expect(existsSync(path.join(ROOT, command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
    // One build, one tag: every app service names the same image, and those that build it build it alike.
    const images = new Set(APP_SERVICES.map((name) => services[name].image));
    expect([...images]).toEqual([expect.any(String)]);
    const builds = new Set(APP_SERVICES.map((name) => JSON.stringify(services[name].build ?? null)).filter((b) => b !== 'null'));
    expect(builds.size).toBe(1);
  });

  test('When compose publishes ports, then only on 127.0.0.1 by default', () => {
    const { services } = compose();
    const published = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) {
      const hostIp = typeof port === 'string' ? /^(\d+\.\d+\.\d+\.\d+):\d+:\d+/.exec(port)?.[1] : port.host_ip;
      expect(hostIp).toBe('127.0.0.1');
    }
  });

  test('When compose reads it, then PostgreSQL keeps its data in a volume and the image runs a maintained Node LTS as node, not npm', () => {
    const { services } = compose();
    const pgVolumes = (services.postgres.volumes ?? []).map((v) => (typeof v === 'string' ? v : `:${v.target}`));
    expect(pgVolumes.some((v) => v.includes(':/var/lib/postgresql/data'))).toBe(true);
    const froms = [...readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+node:(\d+)/gm)].map((m) => Number(m[1]));
    expect(froms.length).toBeGreaterThan(0);
    for (const major of froms) expect([22, 24]).toContain(major);
    expect(image.cmd[0]).toBe('node');
    for (const name of ['api', 'worker'] as const) expect(compose().services[name].healthcheck?.test).toBeDefined();
  });

  describe('each service, run locally with the environment its container gets', () => {
    const processes: RunningProcess[] = [];
    const databaseName = `sift_compose_${randomBytes(4).toString('hex')}`;
    const queuePrefix = uniquePrefix();

    /**
     * The container's environment with compose's hostnames pointed at this machine: `postgres` at
     * the local PostgreSQL with a database of the test's own, `redis` at the local Redis with a
     * queue prefix of its own. Nothing else is changed.
     */
    const localEnv = (service: ComposeService, ports: Record<string, string> = {}) => {
      const env = containerEnv(image, service);
      const database = new URL(env.DATABASE_URL);
      expect(database.hostname).toBe('postgres');
      const local = new URL(process.env.SIFT_TEST_POSTGRES_URL!);
      database.hostname = local.hostname;
      database.port = local.port || '5432';
      database.pathname = `/${databaseName}`;
      env.DATABASE_URL = database.toString();
      const redis = new URL(env.REDIS_URL);
      expect(redis.hostname).toBe('redis');
      const localRedis = new URL(process.env.SIFT_TEST_REDIS_URL!);
      redis.hostname = localRedis.hostname;
      redis.port = localRedis.port || '6379';
      env.REDIS_URL = redis.toString();
      env.QUEUE_PREFIX = queuePrefix;
      return { ...env, ...ports };
    };

    /** A health check's command (exec form), with the container's port mapped to the local one. */
    const healthcheck = (service: ComposeService, containerPort: string, localPort: number) => {
      const [kind, ...command] = service.healthcheck!.test!;
      expect(kind).toBe('CMD');
      return command.map((part) => part.replaceAll(`127.0.0.1:${containerPort}`, `127.0.0.1:${localPort}`));
    };

    beforeAll(() => ensureBuilt(), 120_000);

    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop('SIGKILL')));
      const admin = new Client({ connectionString: process.env.SIFT_TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    });

    test('When migrate, api and worker start as their containers would, then a clean comment is approved and public without its email, the health checks pass, the admin key works, and SIGTERM exits cleanly', async () => {
      const { services } = compose();
      const commandOf = (name: (typeof APP_SERVICES)[number]) => services[name].command ?? image.cmd;
      expect(image.workdir).toBe('/app'); // ROOT stands for it: the commands' relative paths resolve there

      const migrate = startProcess(commandOf('migrate'), localEnv(services.migrate));
      const migrateExit = await migrate.exited;
      // The output says why when it fails (the original bug: NODE_ENV=production from the image and
      // an empty SECRET_KEY from compose, exit 78).
      expect({ exit: migrateExit, output: migrateExit === 0 ? '' : migrate.output() }).toEqual({ exit: 0, output: '' });

      const apiEnv = containerEnv(image, services.api);
      const port = await freePort();
      const api = startProcess(commandOf('api'), localEnv(services.api, { PORT: String(port) }));
      const metricsPort = await freePort();
      const workerContainerPort = containerEnv(image, services.worker).WORKER_METRICS_PORT;
      expect(workerContainerPort).toBeTruthy();
      const worker = startProcess(commandOf('worker'), localEnv(services.worker, { WORKER_METRICS_PORT: String(metricsPort) }));
      processes.push(api, worker);
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/readyz`, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${api.output()}`);
      });

      const posted = await fetch(`${base}/v1/articles/nhs-cyberattack/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ authorName: 'Dana', authorEmail: 'dana@example.org', body: 'Good write-up of how the trusts recovered.' }),
      });
      expect(posted.status).toBe(202);
      const { id } = (await posted.json()) as { id: string };

      const published = await waitFor(
        async () => {
          const response = await fetch(`${base}/v1/comments/${id}`);
          return response.status === 200 ? response : undefined;
        },
        20_000,
        'the comment to be published',
      );
      expect(published.status).toBe(200);
      const listed = await (await fetch(`${base}/v1/articles/nhs-cyberattack/comments`)).text();
      expect(listed).toContain('Good write-up');
      expect(listed).not.toContain('dana@example.org');
      expect(api.output() + worker.output()).not.toContain('dana@example.org');
      const workerMetrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(workerMetrics).toMatch(/sift_decisions_total\{status="approved",by="auto"\} 1/);

      // The README's first moderator call, with compose's development admin key.
      const moderator = await fetch(`${base}/v1/admin/moderators`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiEnv.ADMIN_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Priya' }),
      });
      expect(moderator.status).toBe(201);

      for (const [command, name] of [
        [healthcheck(services.api, apiEnv.PORT, port), 'api'],
        [healthcheck(services.worker, workerContainerPort, metricsPort), 'worker'],
      ] as const) {
        const check = startProcess([...command], {});
        expect({ name, exit: await check.exited }).toEqual({ name, exit: 0 });
      }

      expect(await api.stop('SIGTERM')).toBe(0);
      expect(await worker.stop('SIGTERM')).toBe(0);
    }, 90_000);
  });
});
