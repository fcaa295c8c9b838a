import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, freePort, ROOT, startProcess, waitForHttp, type RunningProcess } from './helpers/processes';
import { ADMIN_KEY, TEST_SECRET_KEY, createTestDatabase, dropTestDatabase, uniquePrefix } from './helpers/test-stack';
import { waitFor } from './helpers/wait-for';

const GUIDE_MARK = '<!-- guide: runs in test/readme-guides.test.ts -->';

/** The README's runnable curl guides, in the order a reader meets them. */
function readmeGuides(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return readme
    .split(GUIDE_MARK)
    .slice(1)
    .map((after) => /^\s*```sh\n([\s\S]*?)\n```/.exec(after)![1]);
}

/**
 * Every curl call goes through this function: it runs the real curl, records the HTTP status of
 * the step, passes the body on unchanged (to the terminal, or to jq), and stops the script at the
 * first step that does not answer 2xx.
 */
const PRELUDE = [
  'set -euo pipefail',
  'curl() {',
  '  local out status',
  '  out=$(command curl -sS -w \'\\n%{http_code}\' "$@")',
  "  status=${out##*$'\\n'}",
  "  out=${out%$'\\n'*}",
  '  printf \'%s\\n\' "$status $*" >> "$STEPS"',
  '  printf \'%s\\n\' "$out"',
  '  if [[ $status != 2* ]]; then printf \'step failed with %s: curl %s\\n%s\\n\' "$status" "$*" "$out" >&2; exit 1; fi',
  '}',
  '',
].join('\n');

interface Run {
  code: number | null;
  output: string;
  steps: { status: number; call: string }[];
}

/**
 * The README's guides, run as written against a real stack (compiled API and worker on free ports,
 * a database and a queue prefix of their own), twice in a row in a new shell each time: a reader
 * who follows them again, or again tomorrow, must not hit a 409.
 */
describe('README guides (curl)', () => {
  let databaseUrl: string;
  let base: string;
  let workdir: string;
  const processes: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    databaseUrl = await createTestDatabase();
    workdir = mkdtempSync(path.join(tmpdir(), 'sift-guides-'));
    const port = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.SIFT_TEST_REDIS_URL!,
      QUEUE_PREFIX: uniquePrefix(),
      SECRET_KEY: TEST_SECRET_KEY,
      ADMIN_API_KEY: ADMIN_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    const api = startProcess(['node', 'dist/src/server.js'], env);
    const worker = startProcess(['node', 'dist/worker/main.js'], env);
    processes.push(api, worker);
    base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`, 30_000);
    await waitFor(() => (worker.output().includes('Sift worker started') ? true : undefined), 30_000, 'the worker');
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  const runGuides = (round: number): Promise<Run> => {
    const steps = path.join(workdir, `steps-${round}.txt`);
    // The only change to the text: the README's http://localhost:3000 is this stack's address.
    const script = PRELUDE + readmeGuides().join('\n').replaceAll('http://localhost:3000', base);
    return new Promise((resolve) => {
      const bash = spawn('bash', ['-c', script], {
        cwd: workdir,
        env: { PATH: process.env.PATH, HOME: workdir, STEPS: steps, ADMIN_API_KEY: ADMIN_KEY },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      bash.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      bash.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      bash.on('exit', (code) => {
        let recorded: string[] = [];
        try {
          recorded = readFileSync(steps, 'utf8').split('\n').filter(Boolean);
        } catch {
          // no step ran
        }
        resolve({
          code,
          output,
          steps: recorded.map((line) => ({ status: Number(line.slice(0, 3)), call: line.slice(4) })),
        });
      });
    });
  };

  test('When the README is read, then it marks its curl guides and they call the API', () => {
    const guides = readmeGuides();
    expect(guides.length).toBeGreaterThanOrEqual(5);
    expect(guides.join('\n').match(/\bcurl\b/g)!.length).toBeGreaterThan(30);
    expect(guides.join('\n')).not.toMatch(/<id>|<key>|sift_…\s*#/);
  });

  test.each([1, 2])(
    'When a reader runs every guide top to bottom (time %i), then every step answers 2xx',
    async (round) => {
      const run = await runGuides(round);

      const failed = run.steps.filter((step) => step.status < 200 || step.status > 299);
      expect({ code: run.code, failed, output: run.code === 0 ? '' : run.output.slice(-3000) }).toEqual({
        code: 0,
        failed: [],
        output: '',
      });
      expect(run.steps.length).toBeGreaterThan(30);
      // The guides reach the endpoints they describe: the moderator's decisions, the key life cycle, bans, erasure.
      const calls = run.steps.map((step) => step.call).join('\n');
      for (const reached of ['/approve', '/revoke', '/key', '/v1/moderation/bans', '/v1/admin/privacy/erase', '/status?token=']) {
        expect(calls).toContain(reached);
      }
    },
    120_000,
  );
});
