import request from 'supertest';
import { purgeExpired } from '../../src/privacy/retention';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

const notice = (overrides: Record<string, unknown> = {}) => ({
  reason: 'illegal',
  explanation: 'It names the victim of a sexual offence, whose anonymity is protected by law here.',
  reporterName: 'Nadia Legal',
  reporterEmail: 'nadia.notices@example.org',
  goodFaith: true,
  location: 'https://news.example/story#comments',
  ...overrides,
});

describe('POST /v1/comments/:id/reports', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1', REPORT_HOLD_THRESHOLD: '3' } });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const publicStatus = async (id: string) => (await request(stack.app).get(`/v1/comments/${id}`)).status;
  const statusOf = async (id: string) =>
    (await stack.services.db.query<{ status: string }>('SELECT status FROM comments WHERE id = $1', [id]))[0].status;

  test('When a reader reports a published comment, then 202 with a receipt, and only a keyed hash of the reader is kept', async () => {
    const id = await api.postApproved(randomArticleId());

    const response = await api.report(id, '203.0.113.5', { reason: 'spam', explanation: 'Advert for watches' });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      id: expect.any(String),
      commentId: id,
      reason: 'spam',
      receivedAt: expect.any(String),
      confirmation: expect.stringContaining('moderator'),
    });
    const [row] = await stack.services.db.query<{ reader_hash: Buffer; reason: string; explanation: string }>(
      'SELECT reader_hash, reason, explanation FROM comment_reports WHERE id = $1',
      [response.body.id],
    );
    expect(row).toMatchObject({ reason: 'spam', explanation: 'Advert for watches' });
    expect(row.reader_hash).toHaveLength(32);
    expect(row.reader_hash.toString('latin1')).not.toContain('203.0.113.5');
    expect(await publicStatus(id)).toBe(200);
  });

  test('When the same reader reports a comment twice, then 409 already_reported and one report is kept', async () => {
    const id = await api.postApproved(randomArticleId());
    await api.report(id, '203.0.113.6');

    const again = await api.report(id, '203.0.113.6', { reason: 'spam' });

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_reported');
    const [row] = await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comment_reports WHERE comment_id = $1', [
      id,
    ]);
    expect(row.n).toBe(1);
  });

  test('When three different readers report a comment, then it is held until a moderator decides, audited as the rule reader-reports', async () => {
    const articleId = randomArticleId();
    const id = await api.postApproved(articleId);
    await request(stack.app).get(`/v1/articles/${articleId}/comments`); // a cached page that must not outlive the hold

    await api.report(id, '203.0.113.7', { reason: 'abusive' });
    await api.report(id, '203.0.113.8', { reason: 'abusive' });
    expect(await statusOf(id)).toBe('approved');
    const third = await api.report(id, '203.0.113.9', { reason: 'off-topic' });

    expect(third.status).toBe(202);
    expect(await statusOf(id)).toBe('held');
    expect(await publicStatus(id)).toBe(404);
    expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body).toMatchObject({ total: 0, comments: [] });
    const log = (await api.history(id)).body.history;
    expect(log[log.length - 1]).toMatchObject({
      by: 'auto',
      from: 'approved',
      to: 'held',
      rule: 'reader-reports',
      reason: 'Reported by 3 readers (abusive ×2, off-topic ×1)',
    });
  });

  test('When readers report at the same moment, then the comment is held once, with one audit row, and every report is taken', async () => {
    const id = await api.postApproved(randomArticleId());

    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.report(id, `203.0.113.${60 + i}`)));

    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await statusOf(id)).toBe('held');
    expect((await api.view(id)).body.reports).toMatchObject({ open: 6 });
    const [row] = await stack.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM moderation_events WHERE comment_id = $1 AND details->>'rule' = 'reader-reports'`,
      [id],
    );
    expect(row.n).toBe(1);
  });

  test('When a reader sends a notice of illegal content, then 202 with a confirmation, and the address is kept only encrypted', async () => {
    const id = await api.postApproved(randomArticleId());

    const response = await api.report(id, '203.0.113.10', notice());

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      commentId: id,
      reason: 'illegal',
      confirmation: expect.stringContaining('notice of illegal content'),
    });
    expect(response.text).not.toContain('nadia.notices@example.org');
    expect(response.text).not.toContain('Nadia Legal');
    const [row] = await stack.services.db.query<{
      reporter_email_enc: Buffer;
      reporter_name: string;
      good_faith: boolean;
      location: string;
    }>('SELECT reporter_email_enc, reporter_name, good_faith, location FROM comment_reports WHERE id = $1', [response.body.id]);
    expect(row).toMatchObject({ reporter_name: 'Nadia Legal', good_faith: true, location: 'https://news.example/story#comments' });
    expect(row.reporter_email_enc.toString('latin1')).not.toContain('nadia.notices');
    expect(stack.services.secrets.decryptEmail(row.reporter_email_enc)).toBe('nadia.notices@example.org');
    expect(stack.logs.text).not.toContain('nadia.notices@example.org');
  });

  let badReader = 0;
  test.each([
    ['no reason', {}, 'reason'],
    ['an unknown reason', { reason: 'boring' }, 'reason'],
    ['a reason that is not a string', { reason: 3 }, 'reason'],
    ['an explanation over 1,000 characters', { reason: 'spam', explanation: 'x'.repeat(1001) }, 'explanation'],
    ['a notice without an explanation', notice({ explanation: undefined }), 'explanation'],
    ['a notice with a one-word explanation', notice({ explanation: 'illegal' }), 'explanation'],
    ['a notice without a name', notice({ reporterName: undefined }), 'reporterName'],
    ['a notice without an email', notice({ reporterEmail: undefined }), 'reporterEmail'],
    ['a notice with a malformed email', notice({ reporterEmail: 'nadia@' }), 'reporterEmail'],
    ['a notice without the statement of good faith', notice({ goodFaith: undefined }), 'goodFaith'],
    ['a notice whose good faith is false', notice({ goodFaith: false }), 'goodFaith'],
    ['a notice whose good faith is "yes"', notice({ goodFaith: 'yes' }), 'goodFaith'],
    ['a notice located at a javascript: address', notice({ location: 'javascript:alert(1)' }), 'location'],
    ['a NUL character', { reason: 'spam', explanation: 'a\u0000b' }, 'explanation'],
  ])('When the body has %s, then 400 naming the field and nothing is stored', async (_case, body, field) => {
    const id = await api.postApproved(randomArticleId());

    // A reader each: bad requests count against REPORT_RATE_LIMIT too.
    const response = await api.report(id, `192.0.2.${++badReader}`, body);

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_request', message: expect.stringMatching(new RegExp(`^${field}: `)) });
    const [row] = await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comment_reports WHERE comment_id = $1', [
      id,
    ]);
    expect(row.n).toBe(0);
  });

  test.each([
    ['not JSON', 'text/plain', 'spam', 415],
    ['malformed JSON', 'application/json', '{"reason":', 400],
    ['a JSON array', 'application/json', '[]', 400],
    ['JSON null', 'application/json', 'null', 400],
  ])('When the body is %s, then %s', async (_case, type, payload, status) => {
    const id = await api.postApproved(randomArticleId());
    const response = await request(stack.app)
      .post(`/v1/comments/${id}/reports`)
      .set('X-Forwarded-For', '203.0.113.12')
      .set('Content-Type', type)
      .send(payload);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test.each(['pending', 'held by the checks', 'rejected'])('When the comment is %s, then 404, as for an unknown id', async (state) => {
    const id = await api.post(randomArticleId());
    if (state === 'rejected') await api.moderate(id, 'reject');
    if (state === 'held by the checks') await stack.services.db.query(`UPDATE comments SET status = 'held' WHERE id = $1`, [id]);

    expect((await api.report(id, '203.0.113.13')).status).toBe(404);
    expect((await api.report('00000000-0000-4000-8000-000000000000', '203.0.113.13')).status).toBe(404);
    expect((await api.report('nope', '203.0.113.13')).status).toBe(404);
  });
});

describe('GET /v1/moderation/comments?status=reported and the decisions on reported comments', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1', REPORT_HOLD_THRESHOLD: '2' } });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const reportsOf = async (id: string) => (await request(stack.app).get(`/v1/moderation/comments/${id}/reports`).set(auth)).body;

  test('When comments are reported, then the reported queue lists them with their open reports by reason, and counts them', async () => {
    const articleId = randomArticleId();
    const once = await api.postApproved(articleId, { body: 'reported once' });
    const twice = await api.postApproved(articleId, { body: 'reported twice' });
    await api.postApproved(articleId, { body: 'never reported' });
    await api.report(once, '198.51.100.1', { reason: 'misinformation' });
    await api.report(twice, '198.51.100.1', { reason: 'spam' });
    await api.report(twice, '198.51.100.2', { reason: 'abusive' });

    const queue = await api.list({ status: 'reported', articleId });

    expect(queue.status).toBe(200);
    expect(queue.body.total).toBe(2);
    expect(queue.body.comments).toEqual([
      expect.objectContaining({ id: twice, status: 'held', reports: { open: 2, total: 2, reasons: { spam: 1, abusive: 1 } } }),
      expect.objectContaining({ id: once, status: 'approved', reports: { open: 1, total: 1, reasons: { misinformation: 1 } } }),
    ]);
    const oldest = await api.list({ status: 'reported', articleId, order: 'oldest', limit: 1 });
    expect(oldest.body.comments.map((c: { id: string }) => c.id)).toEqual([once]);
    const next = await api.list({ status: 'reported', articleId, order: 'oldest', limit: 1, cursor: oldest.body.nextCursor });
    expect(next.body.comments.map((c: { id: string }) => c.id)).toEqual([twice]);
    expect((await api.list({ status: 'held', articleId, limit: 1, cursor: oldest.body.nextCursor })).status).toBe(400);
  });

  test('When a moderator publishes a held reported comment, then its reports are dismissed, it leaves the queue, and the hold counts as overturned', async () => {
    const articleId = randomArticleId();
    const id = await api.postApproved(articleId);
    await api.report(id, '198.51.100.3', { reason: 'abusive' });
    await api.report(id, '198.51.100.4', { reason: 'abusive' });
    const before = (await request(stack.app).get('/v1/moderation/stats?period=1h').set(auth)).body;

    await api.moderate(id, 'approve', { reason: 'Robust, not abusive' });

    expect((await api.list({ status: 'reported', articleId })).body).toMatchObject({ total: 0, comments: [] });
    const { reports } = await reportsOf(id);
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report.decision).toEqual({
        resolution: 'dismissed',
        by: 'admin',
        at: expect.any(String),
        status: 'approved',
        reason: 'Robust, not abusive',
      });
    }
    const after = (await request(stack.app).get('/v1/moderation/stats?period=1h').set(auth)).body;
    expect(after.reports.dismissed - before.reports.dismissed).toBe(2);
    const rule = (stats: { rules: Array<{ rule: string; overturned: number }> }) =>
      stats.rules.find((r) => r.rule === 'reader-reports')?.overturned ?? 0;
    expect(rule(after) - rule(before)).toBe(1);
    expect((await request(stack.app).get(`/v1/comments/${id}`)).status).toBe(200);
  });

  test('When a moderator removes a reported comment, then its reports are upheld, notice included, and the stats say so', async () => {
    const id = await api.postApproved(randomArticleId());
    const before = (await request(stack.app).get('/v1/moderation/stats?period=1h').set(auth)).body.reports;
    await api.report(id, '198.51.100.5', notice());

    await api.moderate(id, 'reject', { reasonCode: 'illegal', reason: 'Identifies a protected victim' });

    const { reports } = await reportsOf(id);
    expect(reports).toEqual([
      {
        id: expect.any(String),
        reason: 'illegal',
        explanation: expect.stringContaining('anonymity'),
        createdAt: expect.any(String),
        notice: { reporterName: 'Nadia Legal', hasEmail: true, goodFaith: true, location: 'https://news.example/story#comments' },
        decision: {
          resolution: 'upheld',
          by: 'admin',
          at: expect.any(String),
          status: 'rejected',
          reason: 'Identifies a protected victim',
        },
      },
    ]);
    expect(JSON.stringify(reports)).not.toContain('nadia.notices@example.org');
    const after = (await request(stack.app).get('/v1/moderation/stats?period=1h').set(auth)).body.reports;
    expect(after.upheld - before.upheld).toBe(1);
    expect(after.notices.upheld - before.notices.upheld).toBe(1);
    expect(after.notices.received - before.notices.received).toBe(1);
    expect(after.upheldRate).toEqual(expect.any(Number));
  });

  test("When a moderator asks for a notice's sender address, then it is shown to them and the asking is logged without it", async () => {
    const id = await api.postApproved(randomArticleId());
    const sent = await api.report(id, '198.51.100.6', notice());
    const [report] = (await reportsOf(id)).reports;

    const revealed = await request(stack.app).get(`/v1/moderation/reports/${report.id}/email`).set(auth);

    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ reportId: sent.body.id, commentId: id, reporterEmail: 'nadia.notices@example.org' });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const line = stack.logs.lines.find((l) => l.includes('reporter email shown to a moderator'));
    expect(line).toContain(report.id);
    expect(stack.logs.text).not.toContain('nadia.notices@example.org');
  });

  test('When the report has no address (not a notice) or does not exist, then asking for one is a 404', async () => {
    const id = await api.postApproved(randomArticleId());
    await api.report(id, '198.51.100.7', { reason: 'spam' });
    const [report] = (await reportsOf(id)).reports;

    for (const reportId of [report.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
      const response = await request(stack.app).get(`/v1/moderation/reports/${reportId}/email`).set(auth);
      expect(response.status).toBe(404);
    }
  });

  test('When a comment is listed anywhere in moderation, then its reports are summed up, and a never-reported one says none', async () => {
    const articleId = randomArticleId();
    const quiet = await api.postApproved(articleId);
    const loud = await api.postApproved(articleId);
    await api.report(loud, '198.51.100.8', { reason: 'off-topic' });

    expect((await api.view(quiet)).body.reports).toEqual({ open: 0, total: 0, reasons: {} });
    expect((await api.view(loud)).body.reports).toEqual({ open: 1, total: 1, reasons: { 'off-topic': 1 } });
    const all = await api.list({ articleId });
    expect(all.body.comments.map((c: { reports: { open: number } }) => c.reports.open)).toEqual([1, 0]);
  });

  test('When no key is sent, then the report list and the address are 401', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await request(stack.app).get(`/v1/moderation/comments/${id}/reports`)).status).toBe(401);
    expect((await request(stack.app).get(`/v1/moderation/reports/${id}/email`)).status).toBe(401);
    expect((await request(stack.app).get('/v1/moderation/comments?status=reported')).status).toBe(401);
  });
});

describe('REPORT_RATE_LIMIT and REPORT_HOLD_THRESHOLD=off', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1', REPORT_RATE_LIMIT: '2/600s', REPORT_HOLD_THRESHOLD: 'off' } });

  test('When one client reports past the limit, then 429 with Retry-After; and with the threshold off nothing is held', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId();
    const ids = [await api.postApproved(articleId), await api.postApproved(articleId), await api.postApproved(articleId)];

    const allowed = [await api.report(ids[0], '192.0.2.90'), await api.report(ids[1], '192.0.2.90')];
    const limited = await api.report(ids[2], '192.0.2.90');
    const others = await Promise.all(['192.0.2.91', '192.0.2.92', '192.0.2.93', '192.0.2.94'].map((ip) => api.report(ids[0], ip)));

    expect(allowed.map((r) => r.status)).toEqual([202, 202]);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(others.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect((await request(stack.app).get(`/v1/comments/${ids[0]}`)).status).toBe(200);
  });
});

describe("Privacy requests and retention for readers' reports and recommendations", () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1' } });

  test("When a notice's sender asks for their data, then the export lists the notice; erased, their details go and the report stays", async () => {
    const api = apiClient(stack.app);
    const id = await api.postApproved(randomArticleId());
    const sender = `sender.${randomArticleId()}@example.org`;
    await api.report(id, '192.0.2.120', notice({ reporterEmail: sender, reporterName: 'Pat Sender' }));

    const exported = await request(stack.app).post('/v1/admin/privacy/export').set(auth).send({ email: sender });
    const erased = await request(stack.app).post('/v1/admin/privacy/erase').set(auth).send({ email: sender, mode: 'anonymise' });

    expect(exported.status).toBe(200);
    expect(exported.body.notices).toEqual([
      expect.objectContaining({ commentId: id, reporterName: 'Pat Sender', explanation: expect.stringContaining('anonymity') }),
    ]);
    expect(erased.body).toMatchObject({ comments: 0, notices: 1 });
    const [row] = await stack.services.db.query(
      'SELECT reason, reporter_name, reporter_email_enc, reporter_email_hash, explanation, reader_hash FROM comment_reports WHERE comment_id = $1',
      [id],
    );
    expect(row).toEqual({
      reason: 'illegal',
      reporter_name: null,
      reporter_email_enc: null,
      reporter_email_hash: null,
      explanation: '[removed]',
      reader_hash: null,
    });
  });

  test('When the retention purge runs, then order changes older than a day go, and decided reports older than RETENTION_DAYS forget their reader', async () => {
    const api = apiClient(stack.app);
    const id = await api.postApproved(randomArticleId());
    await api.recommend(id, '192.0.2.130');
    await api.report(id, '192.0.2.131', { reason: 'spam' });
    await api.moderate(id, 'approve');
    await stack.services.db.query(`UPDATE public_order_changes SET created_at = now() - interval '26 hours' WHERE comment_id = $1`, [id]);
    await stack.services.db.query(`UPDATE comment_reports SET resolved_at = now() - interval '31 days' WHERE comment_id = $1`, [id]);

    const result = await purgeExpired({ db: stack.services.db, logger: stack.services.logger, days: 30 });

    expect(result).toMatchObject({ deletedOrderChanges: expect.any(Number), clearedReporterHashes: expect.any(Number) });
    expect(await stack.services.db.query('SELECT 1 FROM public_order_changes WHERE comment_id = $1', [id])).toHaveLength(0);
    expect(await stack.services.db.query('SELECT resolution, reader_hash FROM comment_reports WHERE comment_id = $1', [id])).toEqual([
      { resolution: 'dismissed', reader_hash: null },
    ]);
    expect((await request(stack.app).get(`/v1/comments/${id}`)).body.recommendations).toBe(1);
  });
});
