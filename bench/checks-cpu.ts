/**
 * The checks bench phase (bench/checks-bench.ts: the same comments, the same calls) timed in this
 * process's CPU time as well as wall time, for a shared machine where other work steals the core:
 *   npx tsc -p tsconfig.build.json && node dist/bench/checks-cpu.js
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createChecks, LearnedFilter } from '../worker/checks';
import { loadYoutube, projectRoot, youtubeSources } from '../worker/checks/spam/training-data';

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
for (let round = 0; round < 5; round++) {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  for (const body of bodies) checks.run({ body, authorName: 'reader', behaviour });
  const used = process.cpuUsage(cpu);
  const perCpuSecond = Math.round(bodies.length / ((used.user + used.system) / 1e6));
  const perSecond = Math.round(bodies.length / (Number(process.hrtime.bigint() - wall) / 1e9));
  console.log(`round ${round + 1}: ${perCpuSecond} comments per CPU-second, ${perSecond} per wall-second (${bodies.length} comments)`);
}
