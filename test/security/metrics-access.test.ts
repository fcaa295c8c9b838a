import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { serveMetrics } from '../../src/metrics-server';
import { createGaugeRefresher } from '../../src/operations-gauges';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack, type TestStack } from '../helpers/test-stack';

const TOKEN = 'scraper-token-0123456789abcdef';

/** What /metrics must not show an anonymous visitor: moderators' and admins' activity, live. */
async function moderate(stack: TestStack): Promise<void> {
  const api = apiClient(stack.app);
  const id = await api.post(randomArticleId());
  await api.moderate(id, 'reject', { reason: 'off-topic' });
}

describe('GET /metrics', () => {
  describe('without METRICS_TOKEN (the default)', () => {
    const stack = useTestStack();

    test('When anyone asks the API port for /metrics, then 404 in the contract shape and no moderator activity', async () => {
      await moderate(stack);

      const response = await request(stack.app).get('/metrics');

      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('METRICS_TOKEN') } });
      expect(response.text).not.toContain('sift_');
    });

    test("When METRICS_PORT serves the metrics, then a scraper there gets them, moderators' decisions included", async () => {
      await moderate(stack);
      const server = serveMetrics(stack.services.metrics, 0, '127.0.0.1', createGaugeRefresher(stack.services));
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
        expect(text).toMatch(/sift_http_requests_total\{method="POST",route="\/v1\/moderation\/comments\/:id\/reject",status="200"\} \d+/);
        expect(text).toContain('sift_queue_depth');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('with METRICS_TOKEN', () => {
    const stack = useTestStack({ env: { METRICS_TOKEN: TOKEN } });

    test.each([
      ['no Authorization', {}],
      ['a wrong token', { Authorization: 'Bearer scraper-token-0123456789abcdeX' }],
      ['the token without Bearer', { Authorization: TOKEN }],
    ])('When a request comes with %s, then 401 and no metrics', async (_what, headers) => {
      const response = await request(stack.app).get('/metrics').set(headers);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(response.text).not.toContain('sift_');
    });

    test('When the scraper sends Bearer METRICS_TOKEN, then 200 Prometheus text', async () => {
      await moderate(stack);
      const response = await request(stack.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.text).toContain('sift_http_requests_total');
    });
  });
});
