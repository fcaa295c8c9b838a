import type { CheckResults } from '../../decide';

/** Binary classification figures for eval-checks and the dev-set tests. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Figures extends Confusion {
  precision: number;
  recall: number;
  f1: number;
  mcc: number;
  falsePositiveRate: number;
}

export function confusion(pairs: Array<{ actual: boolean; predicted: boolean }>): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { actual, predicted } of pairs) {
    if (actual && predicted) c.tp++;
    else if (actual) c.fn++;
    else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}

export function figures(c: Confusion): Figures {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const denominator = Math.sqrt((c.tp + c.fp) * (c.tp + c.fn) * (c.tn + c.fp) * (c.tn + c.fn));
  const mcc = denominator ? (c.tp * c.tn - c.fp * c.fn) / denominator : 0;
  const falsePositiveRate = c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0;
  return { ...c, precision, recall, f1, mcc, falsePositiveRate };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatFigures(name: string, f: Figures): string {
  return `${name}: precision ${f.precision.toFixed(3)}  recall ${f.recall.toFixed(3)}  F1 ${f.f1.toFixed(3)}  MCC ${f.mcc.toFixed(3)}  false positives ${pct(f.falsePositiveRate)} (${f.fp}/${f.fp + f.tn})  [tp ${f.tp} fn ${f.fn}]`;
}

export interface LabelledRow {
  body: string;
  spam: boolean;
  kind?: string;
}

/** A row after the checks and the worker's full decision (spam → binned, held → kept off, approved → published). */
export interface ScoredRow {
  row: LabelledRow;
  isSpam: boolean;
  score: number;
  reasons: string[];
  status: 'approved' | 'held' | 'spam' | 'rejected';
  /** The rule of decide() that set the status ('spam', 'borderline-spam', 'profanity', 'clean' ...). */
  rule: string;
}

/** What readers see as well as what the spam check says. */
export interface SourceFigures extends Figures {
  /** Spam rows approved: on the page. */
  spamPublished: number;
  spamPublishedCount: number;
  /** Legitimate rows held, binned or rejected: kept off the page. */
  legitKeptOff: number;
  legitKeptOffCount: number;
  /** Of those, kept off by the spam check (binned or held as borderline spam); the rest by profanity. */
  legitKeptOffBySpam: number;
  legitKeptOffBySpamCount: number;
}

export function scoreRows(
  rows: LabelledRow[],
  run: (body: string) => { results: CheckResults; status: ScoredRow['status']; rule: string },
): ScoredRow[] {
  return rows.map((row) => {
    const { results, status, rule } = run(row.body);
    return { row, isSpam: results.spam.isSpam, score: results.spam.score, reasons: results.spam.reasons, status, rule };
  });
}

/** decide()'s rules that act on the spam score. */
const SPAM_RULES = new Set(['spam', 'borderline-spam']);

export function readerFigures(rows: ScoredRow[]): SourceFigures {
  const f = figures(confusion(rows.map((r) => ({ actual: r.row.spam, predicted: r.isSpam }))));
  const spam = rows.filter((r) => r.row.spam);
  const legit = rows.filter((r) => !r.row.spam);
  const published = spam.filter((r) => r.status === 'approved').length;
  const keptOff = legit.filter((r) => r.status !== 'approved').length;
  const bySpam = legit.filter((r) => r.status !== 'approved' && SPAM_RULES.has(r.rule)).length;
  return {
    ...f,
    spamPublished: spam.length ? published / spam.length : 0,
    spamPublishedCount: published,
    legitKeptOff: legit.length ? keptOff / legit.length : 0,
    legitKeptOffCount: keptOff,
    legitKeptOffBySpam: legit.length ? bySpam / legit.length : 0,
    legitKeptOffBySpamCount: bySpam,
  };
}

export function formatReaderFigures(name: string, f: SourceFigures): string {
  const spam = f.tp + f.fn;
  const legit = f.tn + f.fp;
  return `${formatFigures(name, f)}\n${' '.repeat(name.length)}  readers see: spam published ${pct(f.spamPublished)} (${f.spamPublishedCount}/${spam})  legitimate kept off the page ${pct(f.legitKeptOff)} (${f.legitKeptOffCount}/${legit}: ${f.legitKeptOffBySpamCount} by the spam check, ${pct(f.legitKeptOffBySpam)}; ${f.legitKeptOffCount - f.legitKeptOffBySpamCount} held for profanity)`;
}
