import type { Request, Response } from 'express';
import type { Precompressed } from '../precompressed';

/**
 * Sends prepared bytes, gzipped when the client accepts gzip (every browser and CDN does), with the
 * ETag of the bytes sent. express answers 304 without a body when If-None-Match holds that ETag.
 * The caller sets Content-Type and Cache-Control.
 */
export function sendPrecompressed(req: Request, res: Response, body: Precompressed): void {
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  res.vary('Accept-Encoding');
  if (gzip) res.set('Content-Encoding', 'gzip');
  res.set('ETag', gzip ? body.etag.gzip : body.etag.plain);
  res.send(gzip ? body.gzip : body.plain);
}
