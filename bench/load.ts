/**
 * The load generator: closed-loop load at N connections, or a fixed overall rate.
 *
 * wrk (Debian's `wrk` package: C, one thread, LuaJIT for the varied POST bodies) when it is
 * installed, because on two cores every microsecond the generator spends is taken from the servers
 * it measures: autocannon (Node) costs about 35 µs per hello request and 105 µs per varied POST,
 * wrk a fraction of that. autocannon otherwise, and always for a fixed rate (wrk cannot pace).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './stack';

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  /** Requests per second over all connections (autocannon only). */
  overallRate?: number;
  headers?: Record<string, string>;
  /** Every request posts a new comment to `<articlePrefix><n % articles>`. */
  postComments?: { articlePrefix: string; articles: number };
}

export interface LoadResult {
  generator: 'wrk' | 'autocannon';
  /** Answers with a status below 400 (a 304 is a success) per second. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers with a status of 400 or more. */
  failed: number;
}

const WRK = hasWrk();

export function load(options: LoadOptions): Promise<LoadResult> {
  return WRK && options.overallRate === undefined ? loadWithWrk(options) : loadWithAutocannon(options);
}

/** Several loads at once (one per port of a round-robin), merged: throughputs add, p99 is the worst. */
export async function loadAll(optionsList: LoadOptions[]): Promise<LoadResult> {
  const results = await Promise.all(optionsList.map(load));
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const weighted = (pick: (r: LoadResult) => number) =>
    Math.round(
      (results.reduce((total, r) => total + pick(r) * r.requests, 0) /
        Math.max(
          1,
          sum((r) => r.requests),
        )) *
        100,
    ) / 100;
  return {
    generator: results[0].generator,
    requestsPerSecond: sum((r) => r.requestsPerSecond),
    p50Ms: weighted((r) => r.p50Ms),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    failed: sum((r) => r.failed),
  };
}

// Sentences without links: a first-time author's link is held for a moderator, by policy.
const HAM = readFileSync(path.join(ROOT, 'data', 'news-ham', 'comments.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !/www\.|https?:|\.(com|org|net|uk|gov)\b/i.test(l));

/** A different, readable comment each call: two real sentences and a unique tail, new author and client IP. */
export function variedComment(n: number): { body: string; authorName: string; authorEmail: string; ip: string } {
  const a = HAM[n % HAM.length];
  const b = HAM[(n * 7 + 3) % HAM.length];
  const tag = randomBytes(3).toString('hex');
  return {
    body: `${a} ${b} (reader note ${tag})`,
    authorName: `Reader ${tag}`,
    authorEmail: `reader-${tag}-${n}@example.org`,
    ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  };
}

// --- autocannon ---

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  duration: number;
}

// autocannon ships no types; this is the slice the bench uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: object) => Promise<AutocannonResult>;

async function loadWithAutocannon({ postComments, ...options }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ ...options, ...(postComments ? { requests: autocannonPosts(postComments) } : {}) });
  return {
    generator: 'autocannon',
    requestsPerSecond: Math.round((result['2xx'] + result['3xx']) / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    failed: result['4xx'] + result['5xx'],
  };
}

function autocannonPosts({ articlePrefix, articles }: NonNullable<LoadOptions['postComments']>): AutocannonRequest[] {
  let n = 0;
  return [
    {
      method: 'POST',
      setupRequest(request) {
        const c = variedComment(n++);
        return {
          ...request,
          path: `/v1/articles/${articlePrefix}${n % articles}/comments`,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': c.ip },
          body: JSON.stringify({ authorName: c.authorName, authorEmail: c.authorEmail, body: c.body }),
        };
      },
    },
  ];
}

// --- wrk ---

function hasWrk(): boolean {
  if (process.env.BENCH_LOAD_GENERATOR === 'autocannon') return false;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

async function loadWithWrk(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-wrk-'));
  const script = path.join(dir, 'load.lua');
  writeFileSync(script, wrkScript(options));
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = [
    '-t',
    '1',
    '-c',
    String(options.connections),
    '-d',
    `${options.duration}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    ...headerArgs,
    options.url,
  ];
  try {
    const output = await run('wrk', args);
    const line = /^WRK_RESULT (.*)$/m.exec(output);
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const r = JSON.parse(line[1]) as {
      requests: number;
      durationUs: number;
      connect: number;
      read: number;
      write: number;
      timeout: number;
      status: number;
      p50Us: number;
      p99Us: number;
    };
    return {
      generator: 'wrk',
      requestsPerSecond: Math.round((r.requests - r.status) / (r.durationUs / 1e6)),
      p50Ms: Math.round(r.p50Us / 100) / 10,
      p99Ms: Math.round(r.p99Us / 100) / 10,
      requests: r.requests,
      errors: r.connect + r.read + r.write + r.timeout,
      failed: r.status,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Lua script: a varied comment per request when posting, and the result as one JSON line. */
function wrkScript({ postComments }: LoadOptions): string {
  const report = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status, latency:percentile(50), latency:percentile(99)))
end
`;
  if (!postComments) return report;
  // Sentences as JSON string contents, in Lua long brackets (no sentence contains "]==]").
  const sentences = HAM.map((s) => `[==[${JSON.stringify(s).slice(1, -1)}]==]`).join(',\n');
  return `
local sentences = {
${sentences}
}
local prefix = ${JSON.stringify(postComments.articlePrefix)}
local articles = ${postComments.articles}
local n = 0
math.randomseed(${Date.now() % 2147483647})
local headers = { ["Content-Type"] = "application/json" }

function request()
  n = n + 1
  local a = sentences[(n % #sentences) + 1]
  local b = sentences[((n * 7 + 3) % #sentences) + 1]
  local tag = string.format("%06x", math.random(0, 16777215))
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = '{"authorName":"Reader ' .. tag .. '","authorEmail":"reader-' .. tag .. '-' .. n .. '@example.org","body":"'
    .. a .. ' ' .. b .. ' (reader note ' .. tag .. ')"}'
  return wrk.format("POST", "/v1/articles/" .. prefix .. (n % articles) .. "/comments", headers, body)
end
${report}`;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}:\n${output}`))));
  });
}
