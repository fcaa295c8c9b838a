/**
 * Measures the abuse check on labelled comments: precision and recall overall and per kind.
 *
 *   npm run eval:abuse                 data/abuse/dev.jsonl and data/abuse/heldout.jsonl
 *   npm run eval:abuse -- FILE [...]   JSONL, one { "text", "abusive", "kind" } a line
 *
 * Recall of a kind: the share of its rows the check flags (as any kind of abuse). Precision of a
 * kind: of the rows the check says are that kind, the share that are abusive. Hard negatives are
 * listed by kind with how many were flagged. Then ordinary comments that must not be flagged: news
 * readers, the reader probes, legitimate text messages and YouTube comments.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkAbuse, type AbuseKind } from '.';
import { loadNewsHam, loadSms, loadYoutube, projectRoot, youtubeSources } from '../spam/training-data';

interface Row {
  text: string;
  abusive: boolean;
  kind: string;
}

const pct = (n: number, d: number) => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1)}%`);

export function evaluate(file: string, show = 10): void {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
  const results = rows.map((row) => ({ row, result: checkAbuse(row.text) }));
  const tp = results.filter((r) => r.row.abusive && r.result.isAbusive).length;
  const fp = results.filter((r) => !r.row.abusive && r.result.isAbusive).length;
  const fn = results.filter((r) => r.row.abusive && !r.result.isAbusive).length;
  const negatives = results.filter((r) => !r.row.abusive).length;
  console.log(`\n# ${file} (${rows.length} rows)`);
  console.log(
    `abuse: precision ${pct(tp, tp + fp)}  recall ${pct(tp, tp + fn)}  clean flagged ${pct(fp, negatives)} (${fp}/${negatives})  [tp ${tp} fp ${fp} fn ${fn}]`,
  );
  for (const kind of ['insult', 'threat', 'group'] as AbuseKind[]) {
    const of = results.filter((r) => r.row.kind === kind);
    const found = of.filter((r) => r.result.isAbusive).length;
    const said = results.filter((r) => r.result.kinds.includes(kind));
    const right = said.filter((r) => r.row.abusive).length;
    console.log(
      `  ${kind.padEnd(13)} recall ${pct(found, of.length)} (${found}/${of.length})  precision ${pct(right, said.length)} (${right}/${said.length})`,
    );
  }
  for (const kind of [...new Set(rows.filter((r) => !r.abusive).map((r) => r.kind))]) {
    const of = results.filter((r) => r.row.kind === kind);
    const flagged = of.filter((r) => r.result.isAbusive).length;
    console.log(`  ${kind.padEnd(13)} flagged ${flagged}/${of.length}`);
  }
  const wrong = results.filter((r) => r.row.abusive !== r.result.isAbusive).slice(0, show);
  if (wrong.length) {
    console.log('mistakes:');
    for (const r of wrong)
      console.log(
        `  ${r.row.abusive ? 'missed ' : 'flagged'} [${r.row.kind}] ${r.row.text}${r.result.reasons.length ? `  (${r.result.reasons.join('; ')})` : ''}`,
      );
  }
}

/** Ordinary comments flagged, by source: each hit is a false alarm a moderator would have to clear. */
export function ordinaryFlagged(root: string, show = 10): void {
  const probes = readFileSync(join(root, 'test/checks/reader-probes.txt'), 'utf8').split('\n').filter(Boolean);
  const sources = [
    { name: 'news readers (data/news-ham)', texts: loadNewsHam(root).map((e) => e.text) },
    { name: 'reader probes (test/checks)', texts: probes },
    {
      name: 'SMS ham (data/sms-spam)',
      texts: loadSms(root)
        .filter((e) => e.label === 'ham')
        .map((e) => e.text),
    },
    {
      name: 'YouTube ham (data/youtube-spam)',
      texts: youtubeSources(root).flatMap((f) =>
        loadYoutube(f, root)
          .filter((e) => e.label === 'ham')
          .map((e) => e.text),
      ),
    },
  ];
  console.log('\n# ordinary comments flagged');
  for (const { name, texts } of sources) {
    const flagged = texts.filter((t) => checkAbuse(t).isAbusive);
    console.log(`  ${name.padEnd(32)} ${flagged.length}/${texts.length}`);
    for (const t of flagged.slice(0, show)) console.log(`    ${t.slice(0, 140)}  (${checkAbuse(t).reasons.join('; ')})`);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const showAt = args.indexOf('--show');
  const show = showAt >= 0 ? Number(args[showAt + 1]) : 10;
  const files = args.filter((a, i) => a !== '--show' && args[i - 1] !== '--show');
  const root = projectRoot(__dirname);
  for (const file of files.length ? files : [join(root, 'data/abuse/dev.jsonl'), join(root, 'data/abuse/heldout.jsonl')])
    evaluate(file, show);
  ordinaryFlagged(root, show);
}
