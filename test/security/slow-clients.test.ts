import net from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildComment, randomArticleId } from '../helpers/factories';
import { TEST_SECRET_KEY, useTestStack } from '../helpers/test-stack';

/** Sends a POST's headers, then its body a byte every 200 ms; resolves with what the server said and when it hung up. */
function dripPost(url: string, path: string): Promise<{ answer: string; afterMs: number }> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify(buildComment());
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
    });
    let sent = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body[sent++]);
    }, 200);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started });
    });
    // A bound on the test itself: today's 300 s would otherwise hold it for minutes.
    setTimeout(() => socket.destroy(), 8000).unref();
  });
}

describe('Slow and empty requests', () => {
  const stack = useTestStack({ env: { HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_HEADERS_TIMEOUT_MS: '1000' } });

  test('When a client sends its body a byte at a time, then the server answers 408 and hangs up at HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { answer, afterMs } = await dripPost(stack.url, `/v1/articles/${randomArticleId()}/comments`);

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(5000);
  });

  test.each([
    ['body', { body: '\u200B\u200C\u200D\u2060\uFEFF' }],
    ['body', { body: ' \u00A0\u3000\u2800\u3164\u115F \n\t\u180E\u034F' }],
    ['body', { body: '\u202E\u202C\u2066\u2069\u200E\u200F\uFE0F\u{E0041}' }],
    ['authorName', { authorName: '\u200B\u3164\u2800' }],
    ['authorName', { authorName: '\u115F\u1160\uFFA0' }],
  ])('When the %s is made only of invisible characters, then 400 naming it and nothing is stored', async (field, overrides) => {
    const articleId = randomArticleId();
    const response = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment(overrides));

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_request', message: `${field}: must contain a visible character` });
    const [row] = await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [
      articleId,
    ]);
    expect(row.n).toBe(0);
  });

  test('When text has one visible character among invisible ones (an emoji with joiners), then it is accepted as sent', async () => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .send(buildComment({ body: '\u200B👩\u200D👩\u200D👧\u200B', authorName: 'Zoë\u200D' }));
    expect(response.status).toBe(202);
  });

  test('When DEMO_PAGE is on (the default outside production), then /demo/:articleId is served', async () => {
    const response = await request(stack.app).get('/demo/nhs-cyberattack');
    expect(response.status).toBe(200);
  });
});

describe('DEMO_PAGE', () => {
  const production = useTestStack({ env: { NODE_ENV: 'production' } });

  test('When NODE_ENV=production and DEMO_PAGE is not set, then /demo/:articleId is 404 in the contract shape', async () => {
    const response = await request(production.app).get('/demo/nhs-cyberattack');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect((await request(production.app).get('/widget.js')).status).toBe(200);
  });

  test('When DEMO_PAGE is given, then it wins over NODE_ENV either way', () => {
    const base = { SECRET_KEY: TEST_SECRET_KEY };
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).demoPage).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', DEMO_PAGE: 'true' }).demoPage).toBe(true);
    expect(loadConfig({ ...base }).demoPage).toBe(true);
    expect(loadConfig({ ...base, DEMO_PAGE: 'false' }).demoPage).toBe(false);
    expect(() => loadConfig({ ...base, DEMO_PAGE: 'maybe' })).toThrow(/DEMO_PAGE/);
  });
});
