/**
 * A preload for finding where a load's slowest requests come from: it records every garbage
 * collection pause, every event-loop turn longer than 12 ms and every request's time in the server,
 * and on SIGTERM writes a summary to `<tmpdir>/sift-probe-<pid>.json`, with the slowest 1 % of
 * requests grouped by the 100 ms in which they finished and the collections around each group.
 *
 *   BENCH_NODE_ARGS='--require ./dist/bench/event-loop-probe.js' BENCH_ONLY=http npm run bench
 *
 * Not loaded by Sift itself; docs/performance.md ("Where the POST tail comes from") shows its findings.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

const STALL_MS = 12;
/** perf_hooks' codes for the kinds of collection (NODE_PERFORMANCE_GC_*). */
const GC_KINDS: Record<number, string> = {
  1: 'scavenge',
  2: 'minor mark-sweep',
  4: 'mark-compact',
  8: 'incremental marking',
  16: 'weak callbacks',
};

interface TimedEvent {
  kind: string;
  atMs: number;
  ms: number;
}

const events: TimedEvent[] = [];
const requests: Array<{ endMs: number; ms: number }> = [];

let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - lastTick > STALL_MS) events.push({ kind: 'long turn', atMs: lastTick, ms: now - lastTick });
  lastTick = now;
}, 2).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
    events.push({ kind: GC_KINDS[entry.detail?.kind ?? 0] ?? 'gc', atMs: entry.startTime, ms: entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

// Every server of the process: time from the parsed request to the last byte handed to the socket.
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) below
const emit = http.Server.prototype.emit as (this: http.Server, name: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, name: string, ...args: unknown[]) {
  if (name === 'request') {
    const res = args[1] as http.ServerResponse;
    const start = performance.now();
    res.once('finish', () => {
      const end = performance.now();
      requests.push({ endMs: end, ms: end - start });
    });
  }
  return emit.call(this, name, ...args);
} as typeof http.Server.prototype.emit;

process.once('SIGTERM', () => {
  writeFileSync(path.join(os.tmpdir(), `sift-probe-${process.pid}.json`), `${JSON.stringify(summary(), null, 2)}\n`);
});

function summary() {
  const round = (n: number) => Math.round(n * 10) / 10;
  const byKind = new Map<string, number[]>();
  for (const e of events) {
    if (!byKind.has(e.kind)) byKind.set(e.kind, []);
    byKind.get(e.kind)!.push(e.ms);
  }
  const durations = requests.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => round(durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0);
  const slowest = requests.filter((r) => r.ms >= at(0.99));
  const groups = new Map<number, number>();
  for (const r of slowest) {
    const slot = Math.floor(r.endMs / 100);
    groups.set(slot, (groups.get(slot) ?? 0) + 1);
  }
  return {
    script: process.argv[1],
    requests: { count: durations.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: round(durations.at(-1) ?? 0) },
    pauses: Object.fromEntries(
      [...byKind].map(([kind, ms]) => [
        kind,
        { count: ms.length, totalMs: round(ms.reduce((a, b) => a + b, 0)), maxMs: round(Math.max(...ms)) },
      ]),
    ),
    slowestOnePercent: [...groups].map(([slot, count]) => ({
      finishedAtMs: slot * 100,
      requests: count,
      collectionsWithin200Ms: events
        .filter((e) => e.kind !== 'long turn' && e.kind !== 'scavenge' && Math.abs(e.atMs - slot * 100) <= 200)
        .map((e) => `${e.kind} ${round(e.ms)} ms`),
    })),
  };
}
