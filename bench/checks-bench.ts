/**
 * Throughput of both checks together on one core, over the real comment text shipped in data/
 * (YouTube comments and the profanity dev set). Runnable alone: node dist/bench/checks-bench.js
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createChecks, LearnedFilter } from '../worker/checks';
import { loadYoutube, projectRoot, youtubeSources } from '../worker/checks/spam/training-data';

export function benchChecks(): { commentsPerSecond: number; comments: number; perCpuSecond: number } {
  const root = projectRoot(__dirname);
  const bodies = [
    ...youtubeSources(root).flatMap((f) => loadYoutube(f, root).map((e) => e.text)),
    ...readFileSync(join(root, 'data', 'profanity', 'dev.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  ];
  const checks = createChecks(LearnedFilter.fromShippedData());
  const behaviour = { authorRecentCount: 2, ipRecentCount: 12, duplicateBodyCount: 0 };
  for (const body of bodies) checks.run({ body, authorName: 'warm-up', behaviour });
  const rounds = 5;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const body of bodies) checks.run({ body, authorName: 'reader', behaviour });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const comments = bodies.length * rounds;
  // Per CPU-second of this process too: on a machine shared with other work the wall clock counts
  // their load, the CPU time (main thread and the garbage collector's) does not.
  return {
    commentsPerSecond: Math.round(comments / seconds),
    comments,
    perCpuSecond: Math.round(comments / ((used.user + used.system) / 1e6)),
  };
}

if (require.main === module) {
  const r = benchChecks();
  console.log(`checks: ${r.commentsPerSecond} comments/s over ${r.comments} comments (${r.perCpuSecond} per CPU-second)`);
}
