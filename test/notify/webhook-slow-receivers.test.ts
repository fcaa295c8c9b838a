import net from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { startReceiver } from './receiver';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
const TIMEOUT_MS = 2000;

/**
 * Hostile receivers on 127.0.0.1 (issue 16, item 5). `drip`: the status line and headers a byte at a
 * time, every 300 ms, forever, so an idle timeout never fires. `stream`: a 200 at once, then a body
 * of 1 KB chunks every 20 ms, forever. Both count the connections they hold open.
 */
async function startHostileReceiver(kind: 'drip' | 'stream') {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    const text = kind === 'drip' ? `HTTP/1.1 200 OK\r\nX-Slow: ${'a'.repeat(100_000)}` : '';
    let sent = 0;
    const timer = setInterval(
      () => {
        if (socket.destroyed) return clearInterval(timer);
        if (kind === 'drip') socket.write(text[sent++ % text.length]);
        else socket.write(`400\r\n${'x'.repeat(1024)}\r\n`);
      },
      kind === 'drip' ? 300 : 20,
    );
    if (kind === 'stream') socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => `${base}${path}`,
    open: () => sockets.size,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('Webhook delivery to slow receivers', () => {
  let fast: Awaited<ReturnType<typeof startReceiver>>;
  let drip: Awaited<ReturnType<typeof startHostileReceiver>>;
  let stream: Awaited<ReturnType<typeof startHostileReceiver>>;
  const hooks: Record<string, string> = {};

  beforeAll(async () => {
    [fast, drip, stream] = await Promise.all([startReceiver(), startHostileReceiver('drip'), startHostileReceiver('stream')]);
  });
  // Receivers close first (this afterAll comes before the stack's): a worker closing waits for the attempts they hold.
  afterAll(() => Promise.all([fast?.close(), drip?.close(), stream?.close()]));
  const stack = useTestStack({
    worker: true,
    // Retries far apart, so each slow delivery is tried once while the test runs.
    env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), WEBHOOK_RETRY_BASE_MS: '600000' },
  });

  beforeAll(async () => {
    const register = async (name: string, url: string) => {
      const response = await request(stack.app)
        .post('/v1/admin/webhooks')
        .set(auth)
        .send({ url, events: ['comment.received'] });
      expect(response.status).toBe(201);
      hooks[name] = response.body.id;
      return response.body.secret as string;
    };
    // Eight hostile receivers: more than the delivery slots a worker had.
    for (let i = 0; i < 4; i++) await register(`drip${i}`, drip.url(`/drip${i}`));
    for (let i = 0; i < 4; i++) await register(`stream${i}`, stream.url(`/stream${i}`));
    fast.expectSecret('/fast', await register('fast', fast.url('/fast')));
  });

  const attempts = async (name: string) => {
    const list = await request(stack.app).get(`/v1/admin/webhooks/${hooks[name]}/deliveries`).set(auth);
    const details = await Promise.all(
      list.body.deliveries.map((d: { id: string }) =>
        request(stack.app).get(`/v1/admin/webhooks/${hooks[name]}/deliveries/${d.id}`).set(auth),
      ),
    );
    return details.flatMap((d) => d.body.attemptLog as Array<{ statusCode: number | null; error: string | null; durationMs: number }>);
  };

  test('When eight receivers drip or stream forever, then a fast receiver still gets every delivery promptly', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('slow-hooks');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await api.post(articleId));

    // Sooner than one slow attempt's deadline: the fast receiver never waits behind the slow ones.
    const got = await waitFor(
      () => {
        const all = ids.map((id) => fast.at('/fast').find((r) => r.body.data.commentId === id));
        return all.every(Boolean) ? all : undefined;
      },
      TIMEOUT_MS,
      "the fast receiver's deliveries",
    );
    expect(got.every((r) => r!.verified)).toBe(true);
  });

  test('When a receiver drips its answer a byte at a time, then each attempt ends at WEBHOOK_TIMEOUT_MS as a timeout', async () => {
    const logged = await waitFor(
      async () => {
        const all = (await Promise.all([0, 1, 2, 3].map((i) => attempts(`drip${i}`)))).flat();
        return all.length >= 4 ? all : undefined;
      },
      TIMEOUT_MS * 8,
      'the drip attempts to be logged',
    );

    for (const attempt of logged) {
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(new RegExp(`within ${TIMEOUT_MS} ms`));
      expect(attempt.durationMs).toBeLessThan(TIMEOUT_MS + 1500);
    }
  });

  test('When a receiver answers 200 and streams its body forever, then Sift reads a few KB, counts the 200 and hangs up', async () => {
    const logged = await waitFor(
      async () => {
        const all = (await Promise.all([0, 1, 2, 3].map((i) => attempts(`stream${i}`)))).flat();
        return all.length >= 4 ? all : undefined;
      },
      TIMEOUT_MS * 8,
      'the stream attempts to be logged',
    );

    for (const attempt of logged) {
      expect(attempt).toMatchObject({ statusCode: 200, error: null });
      expect(attempt.durationMs).toBeLessThan(TIMEOUT_MS);
    }
    await waitFor(() => (stream.open() === 0 ? true : undefined), TIMEOUT_MS * 2, 'Sift to hang up on the streams');
  });
});
