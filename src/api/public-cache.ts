import type { Request, Response } from 'express';
import type { CachedPage } from '../comments/list-cache';
import { sendPrecompressed } from './send-precompressed';

/**
 * For CDNs and browsers in front of the public list: fresh for 2 s, then served stale for up to 30 s
 * while one revalidation (If-None-Match → 304 from here) runs. The origin itself never serves a
 * page older than the last decision (see src/comments/list-cache.ts).
 */
export const PUBLIC_LIST_CACHE_CONTROL = 'public, max-age=2, stale-while-revalidate=30';

/** A prebuilt JSON page: 304 when the client holds it already, else its bytes as they are (gzipped if accepted). */
export function sendCachedPage(req: Request, res: Response, page: CachedPage): void {
  res.set('Cache-Control', PUBLIC_LIST_CACHE_CONTROL);
  res.type('application/json');
  sendPrecompressed(req, res, page);
}
