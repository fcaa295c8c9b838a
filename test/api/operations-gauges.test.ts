import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/metrics';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { startReceiver } from '../notify/receiver';

/** The value of a series in /metrics, or null when it is absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

/**
 * The gauges an operator alerts on (docs/operations.md): a stalled desk (held comments, the oldest
 * one's age) and a stalled receiver (webhook backlog, its oldest delivery's age).
 */
/** The API port serves /metrics only to a scraper with the token (issue 16). */
const METRICS_TOKEN = 'gauges-scraper-token-0123456789';

describe('GET /metrics (operations gauges)', () => {
  const stack = useTestStack({
    worker: true,
    env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200', METRICS_TOKEN },
  });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  /** Scrapes until `series` satisfies `ok` (the gauges are re-read at most every 5 s). */
  const scrapeUntil = (series: string, ok: (value: number | null) => boolean) =>
    waitFor(
      async () => {
        const value = sample((await request(stack.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text, series);
        return ok(value) ? { value } : undefined;
      },
      15_000,
      `${series} to move`,
    );

  test('When a comment is held, then sift_held_comments and sift_oldest_held_age_seconds rise; when a moderator decides it, they fall back to 0', async () => {
    expect((await scrapeUntil('sift_held_comments', (v) => v === 0)).value).toBe(0);
    const api = apiClient(stack.app);
    const id = await api.post(randomArticleId('gauges'), { body: 'This is b.u.l.l.s.h.i.t and everyone knows it.' });
    expect(await waitForDecision(stack.services.db, id)).toBe('held');

    expect((await scrapeUntil('sift_held_comments', (v) => v === 1)).value).toBe(1);
    const age = (await scrapeUntil('sift_oldest_held_age_seconds', (v) => v !== null && v > 0)).value;
    expect(age).toBeLessThan(120);

    await api.moderate(id, 'approve');

    expect((await scrapeUntil('sift_held_comments', (v) => v === 0)).value).toBe(0);
    expect((await scrapeUntil('sift_oldest_held_age_seconds', (v) => v === 0)).value).toBe(0);
  }, 60_000);

  test('When a receiver keeps failing, then its webhook backlog and oldest pending age rise; when it recovers, the backlog empties', async () => {
    const created = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set({ Authorization: `Bearer ${ADMIN_KEY}` })
      .send({ url: receiver.url('/down'), events: ['comment.received'] });
    expect(created.status).toBe(201);
    receiver.expectSecret('/down', created.body.secret);
    receiver.failNext('/down', 1_000);
    const backlog = `sift_webhook_backlog{webhook="${created.body.id}"}`;

    await apiClient(stack.app).post(randomArticleId('backlog'));
    await apiClient(stack.app).post(randomArticleId('backlog'));

    expect((await scrapeUntil(backlog, (v) => v === 2)).value).toBe(2);
    const oldest = await scrapeUntil(`sift_webhook_oldest_pending_age_seconds{webhook="${created.body.id}"}`, (v) => v !== null && v > 0);
    expect(oldest.value).toBeGreaterThan(0);

    receiver.failNext('/down', 0);

    // Delivered: the webhook's series leave the backlog.
    expect((await scrapeUntil(backlog, (v) => v === null)).value).toBeNull();
  }, 90_000);
});

describe('docs/operations.md', () => {
  test('When its example alert rules are read, then they are valid YAML and every metric they use is one Sift exports', async () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const rules = (parse(block) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    const exported = new Set(
      (await createMetrics().registry.getMetricsAsJSON()).flatMap((m) =>
        String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name],
      ),
    );

    expect(rules.length).toBeGreaterThan(5);
    const used = rules.flatMap((rule) => rule.expr.match(/\bsift_[a-z_]+/g) ?? []);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
