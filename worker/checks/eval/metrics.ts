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

export function formatFigures(name: string, f: Figures): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `${name}: precision ${f.precision.toFixed(3)}  recall ${f.recall.toFixed(3)}  F1 ${f.f1.toFixed(3)}  MCC ${f.mcc.toFixed(3)}  false positives ${pct(f.falsePositiveRate)} (${f.fp}/${f.fp + f.tn})  [tp ${f.tp} fn ${f.fn}]`;
}
