import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../db/paths';
import { precompressSync, type Precompressed } from '../precompressed';

/** Where the console's browser files live, in the repository and in the Docker image alike. */
export const CONSOLE_ASSETS_DIR = path.join(projectRoot(), 'src', 'console', 'assets');

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface ConsoleAsset extends Precompressed {
  type: string;
}

export interface ConsoleAssets {
  /** A digest of every file: the console's assets are served under /moderate/assets/<build>/. */
  build: string;
  files: ReadonlyMap<string, ConsoleAsset>;
  /** The URL path of one file, e.g. url('app.js') → /moderate/assets/3f2a…/app.js */
  url(file: string): string;
}

/**
 * The console's files, read and gzipped once at start. They are fingerprinted as a set: the URL
 * carries a digest of all of them, so the ES modules' relative imports stay plain ('./api.js') and
 * still change URL whenever any file changes; each file can then be cached for a year.
 */
export function loadConsoleAssets(dir = CONSOLE_ASSETS_DIR): ConsoleAssets {
  const names = readdirSync(dir)
    .filter((name) => TYPES[path.extname(name)])
    .sort();
  const digest = createHash('sha256');
  const files = new Map<string, ConsoleAsset>();
  for (const name of names) {
    const bytes = readFileSync(path.join(dir, name));
    digest.update(name).update('\0').update(bytes).update('\0');
    files.set(name, { type: TYPES[path.extname(name)], ...precompressSync(bytes) });
  }
  const build = digest.digest('hex').slice(0, 16);
  return { build, files, url: (file) => `/moderate/assets/${build}/${file}` };
}
