import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer } from '../src/http-server';

/**
 * src/http-server.ts builds each request and response with the Express app's prototypes, so that
 * Express's per-request Object.setPrototypeOf has nothing to change (docs/performance.md, round 6).
 * Nothing else would notice if an Express or Node upgrade made that stop: these tests do.
 */
describe('createHttpServer (requests born with the Express prototypes)', () => {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });

  /** Serves `server`, sends one GET /hello, and reports what the request looked like on arrival and what Express changed. */
  async function oneRequest(server: http.Server) {
    let arrived: { request: object | null; response: object | null } = { request: null, response: null };
    // Runs before the app's own listener: the objects as Node built them, before Express saw them.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      arrived = { request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) };
    });
    const changed: string[] = [];
    const setPrototypeOf = Object.setPrototypeOf;
    const spy = jest.spyOn(Object, 'setPrototypeOf').mockImplementation((target: object, proto: object | null) => {
      if (Object.getPrototypeOf(target) !== proto) {
        if (target instanceof http.IncomingMessage) changed.push('request');
        if (target instanceof http.ServerResponse) changed.push('response');
      }
      return setPrototypeOf(target, proto);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hello`);
      return { status: answer.status, body: await answer.json(), arrived, changed };
    } finally {
      spy.mockRestore();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  test('When a request arrives, then it and its response already have the Express app prototypes and Express changes neither', async () => {
    const result = await oneRequest(createHttpServer(app));

    expect(result).toEqual({
      status: 200,
      body: { hello: 'world' },
      arrived: { request: app.request, response: app.response },
      changed: [],
    });
  });

  test('When the same app is served by a stock Node server, then Express does change both prototypes (what the check above would see if the trick stopped working)', async () => {
    const result = await oneRequest(http.createServer(app));

    expect(result.status).toBe(200);
    expect(result.arrived.request).toBe(http.IncomingMessage.prototype);
    expect(result.changed.sort()).toEqual(['request', 'response']);
  });
});
