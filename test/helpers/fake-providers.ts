import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for Akismet and Perspective that speak their documented protocols, so the
 * adapters are tested over real HTTP. `mode` switches them: answering, down (HTTP 500 / 503), or
 * slow (the answer never comes; the client's timeout must end the call).
 */
export type FakeMode = 'ok' | 'down' | 'slow';

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  contentType: string;
  raw: string;
}

export interface FakeProvider {
  url: string;
  mode: FakeMode;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function startFake(answer: (req: RecordedRequest, res: ServerResponse) => void): Promise<FakeProvider> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeProvider = { url: '', mode: 'ok', requests: [], close: () => Promise.resolve() };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const recorded = { path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'] ?? '', raw };
      fake.requests.push(recorded);
      if (fake.mode === 'slow') {
        hanging.add(res);
        return;
      }
      if (fake.mode === 'down') {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      answer(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

/**
 * Akismet 1.1: form-encoded POSTs. comment-check answers `true` for a comment whose text contains
 * "buy-cheap-pills" (with `X-akismet-pro-tip: discard`) or "akismet-says-spam", `false` otherwise;
 * submit-spam and submit-ham thank the caller.
 */
export function startFakeAkismet(): Promise<FakeProvider> {
  return startFake((req, res) => {
    const form = new URLSearchParams(req.raw);
    if (req.path === '/1.1/comment-check') {
      const text = form.get('comment_content') ?? '';
      if (text.includes('buy-cheap-pills'))
        res.writeHead(200, { 'Content-Type': 'text/plain', 'X-akismet-pro-tip': 'discard' }).end('true');
      else if (text.includes('akismet-says-spam')) res.writeHead(200, { 'Content-Type': 'text/plain' }).end('true');
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('false');
      return;
    }
    if (req.path === '/1.1/submit-spam' || req.path === '/1.1/submit-ham') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('Thanks for making the web a better place.');
      return;
    }
    res.writeHead(404).end();
  });
}

/**
 * Perspective v1alpha1: POST /comments:analyze?key=… with JSON; answers each requested attribute's
 * summaryScore. Texts containing "you-are-vile" score 0.93 on TOXICITY and INSULT, others 0.05.
 */
export function startFakePerspective(): Promise<FakeProvider> {
  return startFake((req, res) => {
    if (req.path !== '/v1alpha1/comments:analyze' || !req.query.get('key')) {
      res.writeHead(req.query.get('key') ? 404 : 403).end();
      return;
    }
    const body = JSON.parse(req.raw) as { comment: { text: string }; requestedAttributes: Record<string, object> };
    const toxic = body.comment.text.includes('you-are-vile');
    const attributeScores = Object.fromEntries(
      Object.keys(body.requestedAttributes).map((a) => [
        a,
        { summaryScore: { value: toxic && (a === 'TOXICITY' || a === 'INSULT') ? 0.93 : 0.05, type: 'PROBABILITY' }, spanScores: [] },
      ]),
    );
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ attributeScores, languages: ['en'] }));
  });
}
