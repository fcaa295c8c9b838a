import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/webhooks/signature';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  verified: boolean;
  answered: number;
}

/**
 * A webhook receiver on 127.0.0.1, as a site would run one: it checks every signature with the
 * secret registered for its path and answers 204, or 500 for the next `failNext(path, n)` calls.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const failures = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = secrets.get(path) ?? '';
      const verified = verifySignature(secret, raw, String(req.headers['sift-signature'] ?? ''));
      const failing = failures.get(path) ?? 0;
      if (failing > 0) failures.set(path, failing - 1);
      const answered = failing > 0 ? 500 : verified ? 204 : 401;
      received.push({ path, headers: req.headers, raw, body: JSON.parse(raw), verified, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    url: (path: string) => `${base}${path}`,
    expectSecret: (path: string, secret: string) => secrets.set(path, secret),
    failNext: (path: string, times: number) => failures.set(path, times),
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
