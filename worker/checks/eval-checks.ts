/**
 * Measures the checks on labelled comments, so a newsroom can try Sift on its own archive and pick
 * its thresholds before switching them on. Every figure goes through the worker's full decision, so
 * "published" and "kept off the page" are what readers would have seen.
 *
 *   npm run eval:checks -- FILE [FILE...] [--threshold 0.5] [--hold-threshold 0.3] [--show 10]
 *     FILE is JSONL, one object a line: the text in "text" or "body"; the spam label in "label"
 *     ("spam"/"ham", 1/0, true/false) or "spam" (bool); "profane" (bool) and "kind" optional.
 *     Or CSV with a header (text|body|content and label|spam|class columns, as the YouTube files),
 *     or tab-separated `label<TAB>text` lines (as the SMS Spam Collection).
 *     Prints spam figures cold, then after moderators label alternate rows (the "first half").
 *   npm run eval:checks -- --loso [--only sms,news]
 *     leave-one-source-out over the shipped sources; prints each source and the worst
 *   npm run eval:checks -- --youtube-jsonl OUT_DIR
 *     writes each data/youtube-spam CSV as { "text", "label", "kind" } lines for the first form
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { LearnedFilter } from '.';
import { evaluateRows, halves, leaveOneSourceOut, readerGuards, worst, DEFAULT_POLICY } from './eval/loso';
import { confusion, figures, formatFigures, formatReaderFigures, readerFigures, type LabelledRow, type ScoredRow } from './eval/metrics';
import { checkProfanity } from './profanity';
import { loadYoutube, parseCsv, youtubeSources } from './spam/training-data';

interface Row {
  body: string;
  spam?: boolean;
  profane?: boolean;
  /** A masked word ("f**k"): PROFANITY_MASKED decides it, isProfane does not count it. */
  masked?: boolean;
  kind?: string;
}

const VALUED = ['--threshold', '--hold-threshold', '--show', '--only', '--youtube-jsonl'];

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function spamLabel(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'spam' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'ham' || value === 'legit' || value === 'legitimate' || value === 'false') return false;
  return undefined;
}

function fromRecord(raw: Record<string, unknown>, where: string): Row {
  const body = [raw.text, raw.body, raw.content, raw.CONTENT].find((v) => typeof v === 'string');
  if (typeof body !== 'string') throw new Error(`${where}: no "text" or "body"`);
  return {
    body,
    spam: spamLabel(raw.spam) ?? spamLabel(raw.label) ?? spamLabel(raw.class ?? raw.CLASS),
    profane: typeof raw.profane === 'boolean' ? raw.profane : undefined,
    masked: typeof raw.masked === 'boolean' ? raw.masked : undefined,
    kind: typeof raw.kind === 'string' ? raw.kind : undefined,
  };
}

export function readRows(file: string): Row[] {
  const content = readFileSync(file, 'utf8');
  if (/\.csv$/i.test(file)) {
    const [header, ...rows] = parseCsv(content);
    return rows.map((r, n) => fromRecord(Object.fromEntries(header.map((h, i) => [h.trim(), r[i]])), `${file}:${n + 2}`));
  }
  const lines = content.split('\n').filter((l) => l.trim());
  if (lines.length && !lines[0].trimStart().startsWith('{')) {
    return lines.map((l, n) => {
      const tab = l.indexOf('\t');
      if (tab < 0) throw new Error(`${file}:${n + 1}: expected JSON or label<TAB>text`);
      return { body: l.slice(tab + 1).replace(/\r$/, ''), spam: spamLabel(l.slice(0, tab).trim()) };
    });
  }
  return lines.map((l, n) => fromRecord(JSON.parse(l) as Record<string, unknown>, `${file}:${n + 1}`));
}

function printRows(title: string, rows: ScoredRow[], show: number): void {
  if (show <= 0 || rows.length === 0) return;
  console.log(`${title}:`);
  for (const r of rows.slice(0, show)) {
    console.log(
      `  ${r.score.toFixed(2)} ${(r.rule === 'profanity' ? 'profane' : r.status).padEnd(8)} ${r.row.kind ? `[${r.row.kind}] ` : ''}${r.row.body.replace(/\s+/g, ' ').slice(0, 100)}${r.reasons.length ? `  — ${r.reasons.join('; ').slice(0, 200)}` : ''}`,
    );
  }
}

function printMistakes(rows: ScoredRow[], show: number): void {
  printRows(
    'worst misses (spam published)',
    rows.filter((r) => r.row.spam && r.status === 'approved').sort((a, b) => a.score - b.score),
    show,
  );
  printRows(
    'false alarms (legitimate marked spam)',
    rows.filter((r) => !r.row.spam && r.isSpam).sort((a, b) => b.score - a.score),
    show,
  );
  printRows(
    'legitimate held',
    rows.filter((r) => !r.row.spam && !r.isSpam && r.status !== 'approved').sort((a, b) => b.score - a.score),
    show,
  );
}

function printKinds(rows: ScoredRow[]): void {
  const kinds = [...new Set(rows.map((r) => r.row.kind).filter((k): k is string => !!k))].sort();
  for (const kind of kinds) {
    const of = rows.filter((r) => r.row.kind === kind);
    const positives = of.filter((r) => r.row.spam);
    const negatives = of.filter((r) => !r.row.spam);
    const parts: string[] = [];
    const rate = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}% (${n}/${d})`;
    if (positives.length)
      parts.push(
        `caught ${rate(positives.filter((r) => r.isSpam).length, positives.length)}, published ${rate(positives.filter((r) => r.status === 'approved').length, positives.length)}`,
      );
    if (negatives.length)
      parts.push(
        `marked spam ${rate(negatives.filter((r) => r.isSpam).length, negatives.length)}, kept off ${rate(negatives.filter((r) => r.status !== 'approved').length, negatives.length)}`,
      );
    console.log(`  ${kind.padEnd(18)} ${parts.join('  ')}`);
  }
}

function evalSpam(rows: LabelledRow[], policy: typeof DEFAULT_POLICY, show: number): void {
  if (rows.length === 0) return;
  const scored = evaluateRows(LearnedFilter.fromShippedData(), rows, policy);
  console.log(
    `\n== spam (${rows.length} labelled: ${rows.filter((r) => r.spam).length} spam, ${rows.filter((r) => !r.spam).length} legitimate; threshold ${policy.spamThreshold}, hold from ${policy.holdThreshold})`,
  );
  console.log(formatReaderFigures('cold     ', readerFigures(scored)));
  printKinds(scored);
  printMistakes(scored, show);
  const [labelled, measured] = halves(rows);
  if (labelled.some((r) => r.spam) && measured.length) {
    const learner = LearnedFilter.fromShippedData();
    for (const r of labelled) learner.learn(r.body, r.spam ? 'spam' : 'ham');
    console.log(
      `\n== spam after moderators label alternate rows of each class (${labelled.length}), measured on the rest (${measured.length})`,
    );
    console.log(formatReaderFigures('learning ', readerFigures(evaluateRows(learner, measured, policy))));
  }
}

function evalProfanity(rows: Row[], show: number): void {
  const counted = rows.filter((r) => r.profane !== undefined && r.kind !== 'borderline');
  if (counted.length === 0) return;
  const results = counted.map((row) => ({ row, result: checkProfanity(row.body) }));
  console.log(`\n== profanity (${counted.length} labelled)`);
  console.log(
    formatFigures('profanity', figures(confusion(results.map((r) => ({ actual: r.row.profane === true, predicted: r.result.isProfane }))))),
  );
  const kinds = [...new Set(counted.map((r) => r.kind).filter((k): k is string => !!k))].sort();
  for (const kind of kinds) {
    const of = results.filter((r) => r.row.kind === kind);
    const hit = of.filter((r) => r.result.isProfane === r.row.profane).length;
    console.log(
      `  ${kind.padEnd(18)} ${of[0].row.profane ? 'recall' : 'clean '} ${((hit / of.length) * 100).toFixed(1)}% (${hit}/${of.length})`,
    );
  }
  const wrong = results.filter((r) => r.result.isProfane !== r.row.profane).slice(0, show);
  if (wrong.length)
    console.log(
      `mistakes:\n${wrong.map((r) => `  ${r.row.profane ? 'missed' : 'flagged'} [${r.row.kind ?? ''}] ${r.row.body.slice(0, 100)}  ${r.result.reasons.join('; ')}`).join('\n')}`,
    );
  const borderline = rows.filter((r) => r.kind === 'borderline').length;
  if (borderline) console.log(`(${borderline} rows of kind 'borderline' not counted)`);
  const maskedRows = results.filter((r) => r.row.masked);
  if (maskedRows.length) {
    const found = maskedRows.filter((r) => r.result.isProfane || r.result.masked?.length).length;
    const clean = results.filter((r) => r.row.profane === false && !r.row.masked);
    const cleanMasked = clean.filter((r) => r.result.masked?.length).length;
    console.log(
      `masked words (PROFANITY_MASKED decides them): found ${((found / maskedRows.length) * 100).toFixed(1)}% (${found}/${maskedRows.length}); clean rows with a masked word ${cleanMasked}/${clean.length}`,
    );
    const missed = maskedRows.filter((r) => !r.result.isProfane && !r.result.masked?.length).slice(0, show);
    if (missed.length) console.log(`masked missed:\n${missed.map((r) => `  ${r.row.body.slice(0, 100)}`).join('\n')}`);
  }
}

function evalLoso(policy: typeof DEFAULT_POLICY, show: number, only?: string[]): void {
  const results = leaveOneSourceOut(policy, only);
  for (const r of results) {
    console.log(`\n== held out: ${r.heldOut} (trained on the other sources)`);
    console.log(formatReaderFigures('cold    ', r.cold));
    console.log(formatReaderFigures('learning', r.learning));
    printMistakes(r.coldRows, show);
  }
  for (const key of ['cold', 'learning'] as const) {
    const w = worst(results, key);
    console.log(`\n== worst source, ${key}: ${w.heldOut}`);
    console.log(formatReaderFigures(key.padEnd(8), w[key]));
    const most = (pick: (f: typeof w.cold) => number) => results.reduce((a, b) => (pick(b[key]) > pick(a[key]) ? b : a));
    const fp = most((f) => f.falsePositiveRate);
    const pub = most((f) => f.spamPublished);
    const off = most((f) => f.legitKeptOff);
    const offSpam = most((f) => f.legitKeptOffBySpam);
    const mcc = results.reduce((a, b) => (b[key].mcc < a[key].mcc ? b : a));
    console.log(
      `  lowest MCC: ${mcc.heldOut} ${mcc[key].mcc.toFixed(3)}; most legitimate marked spam: ${fp.heldOut} ${(fp[key].falsePositiveRate * 100).toFixed(1)}%; most spam published: ${pub.heldOut} ${(pub[key].spamPublished * 100).toFixed(1)}%; most legitimate kept off: ${off.heldOut} ${(off[key].legitKeptOff * 100).toFixed(1)}%, by the spam check: ${offSpam.heldOut} ${(offSpam[key].legitKeptOffBySpam * 100).toFixed(1)}%`,
    );
  }
}

function printGuards(policy: typeof DEFAULT_POLICY, show: number): void {
  console.log('\n== reader comments never trained on (shipped filter)');
  for (const { name, rows } of readerGuards(policy)) {
    const flagged = rows.filter((r) => r.isSpam);
    const held = rows.filter((r) => r.rule === 'borderline-spam');
    console.log(`  ${name}: ${rows.length} comments, marked spam ${flagged.length}, held as borderline spam ${held.length}`);
    printRows('    marked spam', flagged, show);
  }
}

function writeYoutubeJsonl(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of youtubeSources()) {
    const lines = loadYoutube(file).map((e) => JSON.stringify({ text: e.text, label: e.label, kind: e.label }));
    const out = join(dir, `${basename(file, '.csv')}.jsonl`);
    writeFileSync(out, lines.join('\n') + '\n');
    console.log(`wrote ${out} (${lines.length} rows)`);
  }
}

function main(args: string[]): void {
  const policy = {
    spamThreshold: option(args, '--threshold', DEFAULT_POLICY.spamThreshold),
    holdThreshold: option(args, '--hold-threshold', DEFAULT_POLICY.holdThreshold),
  };
  const show = option(args, '--show', 10);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
  if (args.includes('--loso') || args.includes('--cross-source')) {
    evalLoso(policy, show, only);
    return printGuards(policy, show);
  }
  if (args.includes('--youtube-jsonl')) return writeYoutubeJsonl(args[args.indexOf('--youtube-jsonl') + 1] ?? 'test-output/youtube-jsonl');
  const files = args.filter((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));
  if (files.length === 0) {
    console.error(
      'usage: npm run eval:checks -- FILE.jsonl|FILE.csv|FILE.tsv [--threshold 0.5] [--hold-threshold 0.3] | --loso | --youtube-jsonl OUT_DIR',
    );
    process.exitCode = 2;
    return;
  }
  for (const file of files) {
    const rows = readRows(file);
    console.log(`# ${file}`);
    evalSpam(
      rows.filter((r): r is Row & { spam: boolean } => r.spam !== undefined).map((r) => ({ body: r.body, spam: r.spam, kind: r.kind })),
      policy,
      show,
    );
    evalProfanity(rows, show);
  }
}

if (require.main === module) main(process.argv.slice(2));
