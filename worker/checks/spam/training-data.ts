import { existsSync, readFileSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import { decodeEntities } from './text';

/**
 * The shipped training data, read at run time from the project's `data/` folder:
 * - data/youtube-spam/*.csv — YouTube Spam Collection (Alberto, Lochter & Almeida, ICMLA 2015;
 *   UCI ML Repository dataset 380, DOI 10.24432/C58885), CC BY 4.0. Only the CONTENT column is used.
 * - data/news-ham/comments.txt — synthetic news-reader comments written for Sift, as legitimate
 *   examples, so that news vocabulary is not only ever seen on the spam side.
 * - data/news-spam/spam.txt — handwritten spam of families YouTube data lacks (investment and
 *   recovery scams, work from home, adult, pharmacy, SEO link-drops), written for Sift.
 * - data/sms-spam/SMSSpamCollection — SMS Spam Collection v.1 (Almeida, Gómez Hidalgo & Yamakami,
 *   ACM DocEng 2011; UCI ML Repository dataset 228, DOI 10.24432/C5CC84), CC BY 4.0.
 */
export interface Example {
  text: string;
  label: 'spam' | 'ham';
  source: string;
}

/** The folder holding package.json, found by walking up, so this works from src and from dist. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Sift data folder not found above ${from}`);
    dir = parent;
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

export function youtubeSources(root = projectRoot()): string[] {
  return readdirSync(join(root, 'data', 'youtube-spam'))
    .filter((f) => f.endsWith('.csv'))
    .sort();
}

export function loadYoutube(file: string, root = projectRoot()): Example[] {
  const [header, ...rows] = parseCsv(readFileSync(join(root, 'data', 'youtube-spam', file), 'utf8'));
  const content = header.indexOf('CONTENT');
  const cls = header.indexOf('CLASS');
  return rows
    .filter((r) => r.length > Math.max(content, cls))
    .map((r) => ({ text: decodeEntities(r[content]), label: r[cls].trim() === '1' ? 'spam' : 'ham', source: file.replace(/\.csv$/, '') }));
}

export function loadNewsHam(root = projectRoot()): Example[] {
  const file = join(root, 'data', 'news-ham', 'comments.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text, label: 'ham' as const, source: 'news-ham' }));
}

export function loadNewsSpam(root = projectRoot()): Example[] {
  const file = join(root, 'data', 'news-spam', 'spam.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text, label: 'spam' as const, source: 'news-spam' }));
}

/** SMS Spam Collection: `label<TAB>text` a line. Texts, not comments: see data/README.md. */
export function loadSms(root = projectRoot()): Example[] {
  const file = join(root, 'data', 'sms-spam', 'SMSSpamCollection');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => /^(spam|ham)\t(.*)$/.exec(l.replace(/\r$/, '')))
    .filter((m): m is RegExpExecArray => m !== null && m[2].trim() !== '')
    .map((m) => ({ text: decodeEntities(m[2]), label: m[1] as 'spam' | 'ham', source: SMS_SOURCE }));
}

export const SMS_SOURCE = 'sms';
export const NEWS_SOURCE = 'news';

/**
 * The shipped sources, each a whole: the three videos, the SMS collection, and the handwritten news
 * rows (reader comments and news-site spam families). Leave-one-source-out validation holds one out.
 */
export function shippedSources(root = projectRoot()): Array<{ name: string; examples: Example[] }> {
  const news = [...loadNewsHam(root), ...loadNewsSpam(root)].map((e) => ({ ...e, source: NEWS_SOURCE }));
  return [
    ...youtubeSources(root).map((f) => ({ name: f.replace(/\.csv$/, ''), examples: loadYoutube(f, root) })),
    { name: SMS_SOURCE, examples: loadSms(root) },
    { name: NEWS_SOURCE, examples: news },
  ];
}

/** Everything the filter ships with; `excludeSources` lets cross-source validation hold one out. */
export function loadShippedExamples(excludeSources: string[] = []): Example[] {
  return shippedSources()
    .filter((s) => !excludeSources.includes(s.name))
    .flatMap((s) => s.examples);
}
