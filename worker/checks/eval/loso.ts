import { readFileSync } from 'fs';
import { join } from 'path';
import { createChecks } from '..';
import { decide } from '../../decide';
import { LearnedFilter } from '../spam/learned-filter';
import { NEWS_SOURCE, projectRoot, shippedSources, type Example } from '../spam/training-data';
import { readerFigures, scoreRows, type LabelledRow, type ScoredRow, type SourceFigures } from './metrics';

/**
 * Leave-one-source-out: train on every shipped source but one, measure on the one left out (cold),
 * then let moderators label alternate rows of it and measure the rest (learning). The worst source
 * is the figure that matters: a newsroom's comments are a source none of these is.
 */
export interface SourceResult {
  heldOut: string;
  cold: SourceFigures;
  learning: SourceFigures;
  coldRows: ScoredRow[];
  learningRows: ScoredRow[];
}

export const DEFAULT_POLICY = { spamThreshold: 0.5, holdThreshold: 0.3 };

/** The news fold also measures the held-out news rows (never trained on) with its own. */
function testRows(name: string, examples: Example[], root: string): LabelledRow[] {
  const rows = examples.map((e) => ({ body: e.text, spam: e.label === 'spam' }));
  if (name !== NEWS_SOURCE) return rows;
  const extra = readFileSync(join(root, 'data', 'heldout', 'spam.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { body: string; spam: boolean });
  return [...rows, ...extra.map((r) => ({ body: r.body, spam: r.spam }))];
}

/** Every row through the checks and the worker's decision, as the site would see it. */
export function evaluateRows(filter: LearnedFilter, rows: LabelledRow[], policy = DEFAULT_POLICY): ScoredRow[] {
  const checks = createChecks(filter, { spamThreshold: policy.spamThreshold });
  return scoreRows(rows, (body) => {
    const results = checks.run({ body, authorName: 'reader' });
    const { status, rule } = decide(results, { holdThreshold: policy.holdThreshold }, { premoderation: false });
    return { results, status, rule };
  });
}

/** Alternate rows of each class: the CSVs are not in posting order, and one is mostly spam at the top. */
export function halves<T extends { spam: boolean }>(rows: T[]): [T[], T[]] {
  const first: T[] = [];
  const second: T[] = [];
  for (const cls of [true, false]) rows.filter((r) => r.spam === cls).forEach((r, i) => (i % 2 === 0 ? first : second).push(r));
  return [first, second];
}

export function leaveOneSourceOut(policy = DEFAULT_POLICY, only?: string[]): SourceResult[] {
  const root = projectRoot();
  const sources = shippedSources(root);
  return sources
    .filter((s) => !only || only.includes(s.name))
    .map((held) => {
      const training = sources.filter((s) => s !== held).flatMap((s) => s.examples);
      const rows = testRows(held.name, held.examples, root);
      const coldRows = evaluateRows(LearnedFilter.fromExamples(training), rows, policy);
      const learner = LearnedFilter.fromExamples(training);
      const [labelled, measured] = halves(rows);
      for (const r of labelled) learner.learn(r.body, r.spam ? 'spam' : 'ham');
      const learningRows = evaluateRows(learner, measured, policy);
      return { heldOut: held.name, cold: readerFigures(coldRows), learning: readerFigures(learningRows), coldRows, learningRows };
    });
}

/** The worst source by F1, cold or learning. */
export function worst(results: SourceResult[], key: 'cold' | 'learning'): SourceResult {
  return results.reduce((a, b) => (b[key].f1 < a[key].f1 ? b : a));
}

/**
 * Reader comments never trained on, checked by the shipped filter: the guard against flagging real
 * readers. The reader probes use the words spam is made of; the profanity sets are news readers
 * (their profane rows are held by the profanity check, so "kept off" counts only spam holds).
 */
export function readerGuards(policy = DEFAULT_POLICY): Array<{ name: string; rows: ScoredRow[] }> {
  const root = projectRoot();
  const jsonl = (file: string) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text?: string; body?: string });
  const probes = readFileSync(join(root, 'test', 'checks', 'reader-probes.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const sets = [
    { name: 'reader probes (test/checks/reader-probes.txt)', texts: probes },
    { name: 'news readers (data/profanity/dev.jsonl)', texts: jsonl('data/profanity/dev.jsonl').map((r) => r.text ?? r.body ?? '') },
    {
      name: 'news readers (data/heldout/profanity.jsonl)',
      texts: jsonl('data/heldout/profanity.jsonl').map((r) => r.text ?? r.body ?? ''),
    },
  ];
  const filter = LearnedFilter.fromShippedData();
  return sets.map(({ name, texts }) => ({
    name,
    rows: evaluateRows(
      filter,
      texts.map((body) => ({ body, spam: false })),
      policy,
    ),
  }));
}
