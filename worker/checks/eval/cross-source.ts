import { createChecks } from '..';
import { LearnedFilter } from '../spam/learned-filter';
import { loadNewsHam, loadShippedExamples, loadYoutube, projectRoot, youtubeSources, type Example } from '../spam/training-data';
import { confusion, figures, type Figures } from './metrics';

/**
 * Estimates how the spam check does on a source it has never seen: train on every shipped source
 * but one video, test on that video. Then the learning case: feed the held-out video's first half
 * as moderator feedback and test on its second half.
 */
export interface SourceResult {
  heldOut: string;
  cold: Figures;
  learning: Figures;
  misses: string[];
  falseAlarms: string[];
}

function evaluate(filter: LearnedFilter, examples: Example[], threshold: number) {
  const checks = createChecks(filter, { spamThreshold: threshold });
  const rows = examples.map((e) => ({ e, result: checks.run({ body: e.text, authorName: 'reader' }).spam }));
  const c = confusion(rows.map(({ e, result }) => ({ actual: e.label === 'spam', predicted: result.isSpam })));
  const misses = rows.filter((r) => r.e.label === 'spam' && !r.result.isSpam).sort((a, b) => a.result.score - b.result.score);
  const falseAlarms = rows.filter((r) => r.e.label === 'ham' && r.result.isSpam).sort((a, b) => b.result.score - a.result.score);
  const show = (r: (typeof rows)[number]) => `${r.result.score.toFixed(2)}  ${r.e.text.replace(/\s+/g, ' ').slice(0, 110)}`;
  return { figures: figures(c), misses: misses.map(show), falseAlarms: falseAlarms.map(show) };
}

export function crossSource(threshold = 0.5): SourceResult[] {
  const root = projectRoot();
  return youtubeSources(root).map((heldOut) => {
    const test = loadYoutube(heldOut, root);
    const base = () => LearnedFilter.fromExamples(loadShippedExamples([heldOut]));
    const cold = evaluate(base(), test, threshold);
    const learner = base();
    // Alternate rows rather than the first half: the CSVs are not in posting order and one is
    // mostly spam at the top, which would leave a second half with almost no spam to test.
    for (const e of test.filter((_, i) => i % 2 === 0)) learner.learn(e.text, e.label);
    const learning = evaluate(learner, test.filter((_, i) => i % 2 === 1), threshold);
    return { heldOut, cold: cold.figures, learning: learning.figures, misses: cold.misses, falseAlarms: cold.falseAlarms };
  });
}

/** Pooled figures over all held-out sources. */
export function pooled(results: SourceResult[], key: 'cold' | 'learning'): Figures {
  const sum = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const r of results) for (const k of ['tp', 'fp', 'tn', 'fn'] as const) sum[k] += r[key][k];
  return figures(sum);
}

export { loadNewsHam };
