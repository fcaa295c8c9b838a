import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { startReceiver } from './receiver';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

describe('POST /v1/admin/privacy/export and /erase', () => {
  const stack = useTestStack({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '100' } });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    const hook = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url: receiver.url('/p'), events: ['comment.received', 'comment.approved'] });
    receiver.expectSecret('/p', hook.body.secret);
  });
  afterAll(() => receiver.close());

  /** Every row of every table as text: what a database dump would show. */
  async function databaseText(): Promise<string> {
    const tables = await stack.services.db.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    let text = '';
    for (const { name } of tables) {
      const rows = await stack.services.db.query<{ t: string }>(`SELECT t::text AS t FROM ${name} t`);
      text += rows.map((r) => r.t).join('\n');
    }
    return text;
  }

  /** One author's comments: approved, one learned as spam by a moderator, one with an idempotency key. */
  async function arrangeAuthor(email: string, name: string) {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('privacy');
    const published = await api.post(articleId, { authorName: name, authorEmail: email, body: `Published words ${email.length}` });
    const labelled = await api.post(articleId, { authorName: name, authorEmail: email, body: `Nothing to see but ${name} selling.` });
    const keyed = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .set('Idempotency-Key', `privacy-${Date.now()}-${Math.random()}`)
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ authorName: name, authorEmail: email, body: 'A third comment with a key.' });
    const ids = [published, labelled, keyed.body.id as string];
    for (const id of ids) await waitForDecision(stack.services.db, id);
    await api.moderate(labelled, 'spam');
    // Someone else's reply to the author survives either way.
    const reply = await api.postApproved(articleId, { parentId: published, body: 'A reply by another reader.' });
    await waitFor(() => (receiver.at('/p').some((r) => r.body.data.commentId === keyed.body.id) ? true : undefined), 15_000, 'webhooks');
    return { articleId, ids, published, reply };
  }

  test('When an admin exports an address, then every comment with its status and history comes back, and the audit has no address', async () => {
    const email = `Export.Me.${Date.now()}@Example.org`;
    const { ids } = await arrangeAuthor(email, 'Priya Export');

    const response = await request(stack.app).post('/v1/admin/privacy/export').set(auth).send({ email: email.toLowerCase() });

    expect(response.status).toBe(200);
    expect(response.body.comments).toHaveLength(3);
    expect(response.body.comments.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    expect(response.body.comments[0]).toMatchObject({
      authorName: 'Priya Export',
      status: expect.any(String),
      createdAt: expect.any(String),
      history: expect.arrayContaining([expect.objectContaining({ from: 'pending' })]),
    });
    const [audit] = await stack.services.db.query(`SELECT * FROM privacy_requests WHERE id = $1`, [response.body.requestId]);
    expect(audit).toMatchObject({ kind: 'export', requested_by: 'admin', comments: 3 });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('example.org');
  });

  test('When an admin erases with anonymise, then the comments stay as "[removed]" and no trace of the address or its hashes is left', async () => {
    const email = `anon.${Date.now()}@example.org`;
    const { ids, published, articleId, reply } = await arrangeAuthor(email, 'Priya Anonymised');
    const emailHash = stack.services.secrets.emailHash(email).toString('hex');
    const ipHash = stack.services.secrets.ipHash('203.0.113.9').toString('hex');
    expect(await databaseText()).toContain(emailHash);

    const response = await request(stack.app).post('/v1/admin/privacy/erase').set(auth).send({ email, mode: 'anonymise', body: 'remove' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'anonymise', comments: 3, spamFeedback: 1, webhookDeliveries: expect.any(Number) });
    const dump = await databaseText();
    expect(dump).not.toContain(emailHash);
    expect(dump).not.toContain(email);
    expect(dump).not.toContain('Priya Anonymised');
    const rows = await stack.services.db.query<{ ip_hash: Buffer | null }>('SELECT ip_hash FROM comments WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    expect(rows.every((r) => r.ip_hash === null)).toBe(true);
    expect(dump).not.toContain(ipHash);

    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(page.body.comments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: published, authorName: '[removed]', body: '[removed]' }),
        expect.objectContaining({ id: reply, parentId: published }),
      ]),
    );
    const view = await apiClient(stack.app).view(published);
    expect(view.status).toBe(200);
    expect(view.body.authorEmail).not.toContain('example.org');

    const again = await request(stack.app).post('/v1/admin/privacy/export').set(auth).send({ email });
    expect(again.body.comments).toEqual([]);
    const [audit] = await stack.services.db.query(`SELECT * FROM privacy_requests WHERE id = $1`, [response.body.requestId]);
    expect(audit).toMatchObject({ kind: 'erase', mode: 'anonymise', comments: 3 });
  });

  test('When an admin erases with remove, then the comments are gone, replies stay, and nothing of the author is left', async () => {
    const email = `gone.${Date.now()}@example.org`;
    const { ids, articleId, reply } = await arrangeAuthor(email, 'Priya Removed');
    const emailHash = stack.services.secrets.emailHash(email).toString('hex');

    const response = await request(stack.app).post('/v1/admin/privacy/erase').set(auth).send({ email, mode: 'remove' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'remove', comments: 3 });
    const left = await stack.services.db.query('SELECT id FROM comments WHERE id = ANY($1::uuid[])', [ids]);
    expect(left).toEqual([]);
    const dump = await databaseText();
    expect(dump).not.toContain(emailHash);
    expect(dump).not.toContain('Priya Removed');
    for (const id of ids) expect(dump).not.toContain(id);
    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(page.body.comments).toEqual([expect.objectContaining({ id: reply, parentId: null })]);
    expect(stack.logs.text).not.toContain(email);
  });

  test.each([
    ['export', { email: 'not-an-address' }],
    ['erase', { email: 'a@example.org', mode: 'shred' }],
  ])('When %s gets an invalid body, then 400', async (what, body) => {
    const response = await request(stack.app).post(`/v1/admin/privacy/${what}`).set(auth).send(body);
    expect(response.status).toBe(400);
  });

  test('When a moderator key asks, then 403', async () => {
    const moderator = await apiClient(stack.app).createModerator(`privacy-${Date.now()}`);
    const response = await request(stack.app)
      .post('/v1/admin/privacy/export')
      .set({ Authorization: `Bearer ${moderator.body.apiKey}` })
      .send({ email: 'a@example.org' });
    expect(response.status).toBe(403);
  });
});
