import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, RefusedAddressError } from './address-guard';

export interface PostResult {
  status: number;
  durationMs: number;
}

/**
 * POSTs a body and resolves with the status code (any), or rejects on a network error, a timeout or a
 * refused address. Redirects are not followed: a 3xx is a failed delivery, never a hop elsewhere.
 */
export function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never goes through `lookup`, so it is vetted here.
  if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) {
    return Promise.reject(new RefusedAddressError(host));
  }
  const started = Date.now();
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
        agent: false,
      },
      (response) => {
        // The receiver's answer is not kept: only its status matters, and it may echo anything.
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, durationMs: Date.now() - started }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
