import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);

/**
 * Bytes kept ready in the two encodings clients ask for, each with its own strong validator (the
 * bytes differ, so the ETags must): sent as they are, never compressed again per request. The
 * widget's files are compressed once at start; a public list page once per build.
 */
export interface Precompressed {
  plain: Buffer;
  gzip: Buffer;
  etag: { plain: string; gzip: string };
}

function withValidators(plain: Buffer, gzip: Buffer): Precompressed {
  const digest = createHash('sha1').update(plain).digest('base64url');
  return { plain, gzip, etag: { plain: `"${digest}"`, gzip: `"${digest}-gz"` } };
}

/** For files read at start: the strongest compression, once. */
export const precompressSync = (plain: Buffer): Precompressed => withValidators(plain, gzipSync(plain, { level: 9 }));

/** For pages built while serving: compressed on libuv's thread pool, not on the event loop. */
export const precompress = async (plain: Buffer): Promise<Precompressed> => withValidators(plain, await gzipAsync(plain, { level: 6 }));
