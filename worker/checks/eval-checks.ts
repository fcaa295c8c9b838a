/**
 * Measures the checks on labelled comments, so a newsroom can try Sift on its own archive and pick
 * its thresholds before switching them on.
 *
 *   npm run eval:checks -- FILE.jsonl [--threshold 0.5] [--show 10]
 *     lines: { "body" (or "text"), "spam"?: bool, "profane"?: bool, "kind"?: string }
 *   npm run eval:checks -- --cross-source
 *     train on two YouTube videos, test on the third (cold, then after feedback on half)
 *   npm run eval:checks -- --youtube-jsonl OUT_DIR
 *     writes each data/youtube-spam CSV as { "body", "spam", "kind" } lines for the first form
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { createChecks, LearnedFilter } from '.';
import { crossSource, pooled } from './eval/cross-source';
import { confusion, figures, formatFigures } from './eval/metrics';
import { loadYoutube, youtubeSources } from './spam/training-data';

interface Row {
  body: string;
  spam?: boolean;
  profane?: boolean;
  kind?: string;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, n) => {
      const raw = JSON.parse(l) as Record<string, unknown>;
      const body = typeof raw.body === 'string' ? raw.body : raw.text;
      if (typeof body !== 'string') throw new Error(`${file}:${n + 1}: no "body" or "text"`);
      return {
        body,
        spam: typeof raw.spam === 'boolean' ? raw.spam : undefined,
        profane: typeof raw.profane === 'boolean' ? raw.profane : undefined,
        kind: typeof raw.kind === 'string' ? raw.kind : undefined,
      };
    });
}

function report(name: string, rows: Array<{ row: Row; actual: boolean; predicted: boolean; score: number; reasons: string[] }>, show: number): void {
  if (rows.length === 0) return;
  console.log(`\n== ${name} (${rows.length} labelled)`);
  console.log(formatFigures(name, figures(confusion(rows))));
  const kinds = [...new Set(rows.map((r) => r.row.kind).filter((k): k is string => !!k))].sort();
  for (const kind of kinds) {
    const of = rows.filter((r) => r.row.kind === kind);
    const positives = of.filter((r) => r.actual);
    const negatives = of.filter((r) => !r.actual);
    const parts: string[] = [];
    if (positives.length) parts.push(`recall ${(positives.filter((r) => r.predicted).length / positives.length * 100).toFixed(1)}% (${positives.filter((r) => r.predicted).length}/${positives.length})`);
    if (negatives.length) parts.push(`false positives ${(negatives.filter((r) => r.predicted).length / negatives.length * 100).toFixed(1)}% (${negatives.filter((r) => r.predicted).length}/${negatives.length})`);
    console.log(`  ${kind.padEnd(18)} ${parts.join('  ')}`);
  }
  const line = (r: (typeof rows)[number]) => `  ${r.score.toFixed(2)}  ${r.row.kind ? `[${r.row.kind}] ` : ''}${r.row.body.replace(/\s+/g, ' ').slice(0, 100)}${r.reasons.length ? `  — ${r.reasons.join('; ')}` : ''}`;
  const misses = rows.filter((r) => r.actual && !r.predicted).sort((a, b) => a.score - b.score).slice(0, show);
  const alarms = rows.filter((r) => !r.actual && r.predicted).sort((a, b) => b.score - a.score).slice(0, show);
  if (misses.length) console.log(`worst misses:\n${misses.map(line).join('\n')}`);
  if (alarms.length) console.log(`worst false alarms:\n${alarms.map(line).join('\n')}`);
}

function evalFile(file: string, threshold: number, show: number): void {
  const rows = readRows(file);
  const checks = createChecks(LearnedFilter.fromShippedData(), { spamThreshold: threshold });
  const results = rows.map((row) => ({ row, result: checks.run({ body: row.body, authorName: 'reader' }) }));
  report(
    'spam',
    results.filter((r) => r.row.spam !== undefined).map(({ row, result }) => ({ row, actual: row.spam === true, predicted: result.spam.isSpam, score: result.spam.score, reasons: result.spam.reasons })),
    show,
  );
  report(
    'profanity',
    results
      .filter((r) => r.row.profane !== undefined && r.row.kind !== 'borderline')
      .map(({ row, result }) => ({ row, actual: row.profane === true, predicted: result.profanity.isProfane, score: result.profanity.isProfane ? 1 : 0, reasons: result.profanity.reasons })),
    show,
  );
  const borderline = results.filter((r) => r.row.kind === 'borderline');
  if (borderline.length) console.log(`\n(${borderline.length} rows of kind 'borderline' not counted)`);
}

function evalCrossSource(threshold: number, show: number): void {
  const results = crossSource(threshold);
  for (const r of results) {
    console.log(`\n== held out ${r.heldOut}`);
    console.log(formatFigures('cold    ', r.cold));
    console.log(formatFigures('learning', r.learning));
    if (r.misses.length && show > 0) console.log(`worst misses:\n  ${r.misses.slice(0, show).join('\n  ')}`);
    if (r.falseAlarms.length && show > 0) console.log(`worst false alarms:\n  ${r.falseAlarms.slice(0, show).join('\n  ')}`);
  }
  console.log('\n== pooled over held-out sources');
  console.log(formatFigures('cold    ', pooled(results, 'cold')));
  console.log(formatFigures('learning', pooled(results, 'learning')));
}

function writeYoutubeJsonl(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of youtubeSources()) {
    const lines = loadYoutube(file).map((e) => JSON.stringify({ body: e.text, spam: e.label === 'spam', kind: e.label }));
    const out = join(dir, `${basename(file, '.csv')}.jsonl`);
    writeFileSync(out, lines.join('\n') + '\n');
    console.log(`wrote ${out} (${lines.length} rows)`);
  }
}

function main(args: string[]): void {
  const threshold = option(args, '--threshold', 0.5);
  const show = option(args, '--show', 10);
  if (args.includes('--cross-source')) return evalCrossSource(threshold, show);
  const y = args.indexOf('--youtube-jsonl');
  if (y >= 0) return writeYoutubeJsonl(args[y + 1] ?? 'test-output/youtube-jsonl');
  const files = args.filter((a, i) => !a.startsWith('--') && !['--threshold', '--show'].includes(args[i - 1] ?? ''));
  if (files.length === 0) {
    console.error('usage: npm run eval:checks -- FILE.jsonl | --cross-source | --youtube-jsonl OUT_DIR');
    process.exitCode = 2;
    return;
  }
  for (const f of files) evalFile(f, threshold, show);
}

if (require.main === module) main(process.argv.slice(2));
