import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, RefusedAddressError } from './address-guard';

export interface PostResult {
  status: number;
  durationMs: number;
}

/** How much of a receiver's answer is read before hanging up: only its status matters. */
export const MAX_RESPONSE_BYTES = 4096;

/**
 * POSTs a body and resolves with the status code (any), or rejects on a network error, a timeout or a
 * refused address. Redirects are not followed: a 3xx is a failed delivery, never a hop elsewhere.
 *
 * `timeoutMs` is the whole attempt's deadline, not an idle timeout: a receiver that sends its status
 * line a byte at a time is cut off at the deadline like one that never answers. Once the status is
 * in, the body is read only up to MAX_RESPONSE_BYTES (or the deadline), then the socket is closed,
 * so a receiver streaming forever costs a few KB, not a connection held open.
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
    let status: number | null = null;
    const finish = () => {
      clearTimeout(deadline);
      if (status === null) return;
      resolve({ status, durationMs: Date.now() - started });
      // Our own socket (agent: false): closing it is all the cleanup there is.
      request.destroy();
    };
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
        status = response.statusCode ?? 0;
        let read = 0;
        // The receiver's answer is not kept: only its status matters, and it may echo anything.
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    const deadline = setTimeout(() => {
      if (status !== null) return finish();
      request.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => {
      clearTimeout(deadline);
      if (status === null) reject(error);
    });
    request.end(body);
  });
}
