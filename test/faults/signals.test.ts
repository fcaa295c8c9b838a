import net from 'node:net';
import { tmpdir } from 'node:os';
import { ensureBuilt, freePort, startProcess, waitForHttp, type RunningProcess } from '../helpers/processes';
import { ADMIN_KEY, TEST_SECRET_KEY, createTestDatabase, dropTestDatabase, uniquePrefix } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

/** Resolves once nothing accepts connections on the port any more. */
const portFreed = (port: number) =>
  waitFor(
    () =>
      new Promise<true | undefined>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(undefined)));
        socket.once('error', () => resolve(true));
      }),
    15_000,
    `port ${port} to be freed`,
  );

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid node logged itself (pino's `pid`), which is not the pid of npm when npm started it. */
const loggedPid = (output: string, message: string) => {
  const line = output.split('\n').find((l) => l.includes(message));
  return line ? (JSON.parse(line) as { pid: number }).pid : undefined;
};

/**
 * What a supervisor (systemd, Kubernetes, docker stop) does: SIGTERM to the process it started.
 * The documented commands run node directly; the npm scripts must not leave node behind either.
 */
describe('Stopping the API and the worker with SIGTERM', () => {
  let databaseUrl: string;
  const started: RunningProcess[] = [];
  const pids: number[] = [];
  beforeAll(async () => {
    ensureBuilt();
    databaseUrl = await createTestDatabase();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
    for (const pid of pids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
  afterAll(() => dropTestDatabase(databaseUrl));

  const env = (port: number) => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.SIFT_TEST_REDIS_URL!,
    QUEUE_PREFIX: uniquePrefix(),
    SECRET_KEY: TEST_SECRET_KEY,
    ADMIN_API_KEY: ADMIN_KEY,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER_METRICS_PORT: String(port),
    HOME: tmpdir(),
    npm_config_update_notifier: 'false',
  });

  const kinds = [
    ['the API', ['node', 'dist/src/server.js'], ['npm', 'start'], 'Sift API listening', '/readyz'],
    ['the worker', ['node', 'dist/worker/main.js'], ['npm', 'run', 'worker'], 'Sift worker started', '/healthz'],
  ] as const;

  test.each(kinds)(
    'When %s, run as documented for supervisors (node directly), gets SIGTERM, then it exits 0 and frees its port',
    async (_kind, command, _npm, message, probe) => {
      const port = await freePort();
      const process_ = startProcess([...command], env(port));
      started.push(process_);
      await waitForHttp(`http://127.0.0.1:${port}${probe}`, 30_000);
      await waitFor(() => loggedPid(process_.output(), message), 10_000, 'the start line');

      expect(await process_.stop('SIGTERM')).toBe(0);
      await portFreed(port);
      expect(process_.output()).toContain('shut down cleanly');
    },
    60_000,
  );

  test.each(kinds)(
    'When %s is started through npm and npm gets SIGTERM, then node shuts down too and frees its port',
    async (_kind, _command, npm, message, probe) => {
      const port = await freePort();
      const viaNpm = startProcess([...npm], env(port));
      started.push(viaNpm);
      await waitForHttp(`http://127.0.0.1:${port}${probe}`, 30_000);
      const nodePid = await waitFor(() => loggedPid(viaNpm.output(), message), 10_000, 'the start line');
      pids.push(nodePid);
      expect(nodePid).not.toBe(viaNpm.child.pid);

      await viaNpm.stop('SIGTERM');

      await portFreed(port);
      await waitFor(() => (alive(nodePid) ? undefined : true), 15_000, 'node to exit');
      expect(viaNpm.output()).toContain('shut down cleanly');
    },
    60_000,
  );
});
