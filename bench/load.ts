/** autocannon, wrapped: closed-loop load at N connections, or an open-loop-like fixed overall rate. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './stack';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}

interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram & { max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}

// autocannon ships no types; this is the slice the bench uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export async function load(options: AutocannonOptions): Promise<LoadResult> {
  const result = await autocannon(options);
  const ok = result['2xx'];
  return {
    requestsPerSecond: Math.round(ok / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Several loads at once (one per port of a round-robin), merged: throughputs add, p99 is the worst. */
export async function loadAll(optionsList: AutocannonOptions[]): Promise<LoadResult> {
  const results = await Promise.all(optionsList.map(load));
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const weighted = (pick: (r: LoadResult) => number) =>
    Math.round((results.reduce((total, r) => total + pick(r) * r.requests, 0) / Math.max(1, sum((r) => r.requests))) * 100) / 100;
  return {
    requestsPerSecond: sum((r) => r.requestsPerSecond),
    p50Ms: weighted((r) => r.p50Ms),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}

// Sentences without links: a first-time author's link is held for a moderator, by policy.
const HAM = readFileSync(path.join(ROOT, 'data', 'news-ham', 'comments.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !/www\.|https?:|\.(com|org|net|uk|gov)\b/i.test(l));

/** A different, readable comment each call: two real sentences and a unique tail, new author and client IP. */
export function variedComment(n: number): { body: string; authorName: string; authorEmail: string; ip: string } {
  const a = HAM[n % HAM.length]!;
  const b = HAM[(n * 7 + 3) % HAM.length]!;
  const tag = randomBytes(3).toString('hex');
  return {
    body: `${a} ${b} (reader note ${tag})`,
    authorName: `Reader ${tag}`,
    authorEmail: `reader-${tag}-${n}@example.org`,
    ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  };
}

/** autocannon request that posts a new comment on every send. */
export function postRequests(articleIdFor: (n: number) => string): AutocannonRequest[] {
  let n = 0;
  return [
    {
      method: 'POST',
      setupRequest(request) {
        const c = variedComment(n++);
        return {
          ...request,
          path: `/v1/articles/${articleIdFor(n)}/comments`,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': c.ip },
          body: JSON.stringify({ authorName: c.authorName, authorEmail: c.authorEmail, body: c.body }),
        };
      },
    },
  ];
}

export const HAM_BODIES = HAM;
