import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId, type CommentInput } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { startSmtpReceiver } from './smtp-receiver';

const PUBLIC_URL = 'https://comments.news.example';

describe('Reply notifications by email', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp.close());
  const stack = useTestStack(() => ({
    worker: true,
    env: {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'The Daily Sift <comments@news.example>',
      PUBLIC_URL,
      NOTIFY_POLL_MS: '100',
      NOTIFY_RETRY_BASE_MS: '100',
    },
  }));

  /** Posts as a reader would (notifyReplies ticked or not) and returns the comment id. */
  async function post(articleId: string, comment: Partial<CommentInput> & { notifyReplies?: boolean }): Promise<string> {
    const response = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .send({ ...buildComment(), ...comment });
    expect(response.status).toBe(202);
    return response.body.id as string;
  }

  /** A published comment whose author asked to hear about replies. */
  async function subscribedComment(email: string, articleId = randomArticleId()) {
    const id = await post(articleId, {
      authorName: 'Ann',
      authorEmail: email,
      body: 'The council should publish the figures.',
      notifyReplies: true,
    });
    await waitForDecision(stack.services.db, id);
    await apiClient(stack.app).moderate(id, 'approve');
    return { articleId, id };
  }

  /** Resolves once the notifier has looked at every decision so far (after its grace period). */
  async function notifierCaughtUp() {
    await waitFor(
      async () => {
        const [row] = await stack.services.db.query<{ done: boolean }>(
          'SELECT s.events_after >= coalesce((SELECT max(id) FROM moderation_events), 0) AS done FROM reply_notify_state s',
        );
        return row.done ? true : undefined;
      },
      20_000,
      'the reply notifier to pass every decision',
    );
    await waitFor(
      async () => {
        const [row] = await stack.services.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM reply_notifications WHERE status IN ('queued', 'sending')",
        );
        return row.n === 0 ? true : undefined;
      },
      20_000,
      'every due notification to be sent',
    );
  }

  const mailTo = (address: string, count = 1) =>
    waitFor(() => (smtp.to(address).length >= count ? smtp.to(address) : undefined), 20_000, `${count} email(s) to the subscriber`);

  test("When the worker approves a reply, then the author who asked gets one email, with a one-click unsubscribe, and nobody else's address", async () => {
    const subscriber = `ann.${Date.now()}@example.org`;
    const { articleId, id } = await subscribedComment(subscriber);
    const reply = await post(articleId, {
      authorName: 'Ben',
      authorEmail: 'ben.replies@example.org',
      body: 'I agree: the figures matter.',
      parentId: id,
    });

    expect(await waitForDecision(stack.services.db, reply)).toBe('approved');
    const [mail] = await mailTo(subscriber);
    await notifierCaughtUp();

    expect(smtp.to(subscriber)).toHaveLength(1);
    expect(mail.to).toEqual([subscriber]);
    expect(mail.headers.from).toBe('The Daily Sift <comments@news.example>');
    expect(mail.headers.subject).toBe('Ben replied to your comment');
    expect(mail.headers['list-unsubscribe']).toMatch(new RegExp(`^<${PUBLIC_URL}/v1/notifications/unsubscribe\\?token=${id}\\.[\\w-]+>$`));
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['message-id']).toBe(`<reply-${reply}@news.example>`);
    expect(mail.text).toContain('> I agree: the figures matter.');
    expect(mail.raw).not.toContain('ben.replies@example.org');
  });

  test('When a moderator unpublishes and approves the reply again, then still only one email', async () => {
    const subscriber = `once.${Date.now()}@example.org`;
    const { articleId, id } = await subscribedComment(subscriber);
    const reply = await post(articleId, { parentId: id });
    await waitForDecision(stack.services.db, reply);
    await apiClient(stack.app).moderate(reply, 'approve');
    await mailTo(subscriber);

    await apiClient(stack.app).moderate(reply, 'reject');
    await apiClient(stack.app).moderate(reply, 'approve');
    await notifierCaughtUp();

    expect(smtp.to(subscriber)).toHaveLength(1);
  });

  test('When the author did not ask, or replies to themselves, then no email is sent', async () => {
    const quiet = `quiet.${Date.now()}@example.org`;
    const articleId = randomArticleId();
    const unticked = await post(articleId, { authorEmail: quiet, body: 'No emails for me, thanks.' });
    await waitForDecision(stack.services.db, unticked);
    await apiClient(stack.app).moderate(unticked, 'approve');
    const self = `self.${Date.now()}@example.org`;
    const { id: own } = await subscribedComment(self, articleId);

    await apiClient(stack.app).postApproved(articleId, { parentId: unticked });
    await apiClient(stack.app).postApproved(articleId, { authorEmail: self, parentId: own });
    await notifierCaughtUp();

    expect(smtp.to(quiet)).toHaveLength(0);
    expect(smtp.to(self)).toHaveLength(0);
  });

  test('When the reader opens the unsubscribe link, then a page asks first; one click (RFC 8058 POST) stops every further email', async () => {
    const subscriber = `leaving.${Date.now()}@example.org`;
    const { articleId, id } = await subscribedComment(subscriber);
    await apiClient(stack.app).postApproved(articleId, { parentId: id });
    const [mail] = await mailTo(subscriber);
    const link = new URL(mail.headers['list-unsubscribe'].slice(1, -1));

    const page = await request(stack.app).get(`${link.pathname}${link.search}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('<button type="submit">Stop emailing me about replies</button>');
    expect(page.text).not.toContain(subscriber);
    const [still] = await stack.services.db.query<{ notify_replies: boolean }>('SELECT notify_replies FROM comments WHERE id = $1', [id]);
    expect(still.notify_replies).toBe(true);

    const oneClick = await request(stack.app).post(`${link.pathname}${link.search}`).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    await apiClient(stack.app).postApproved(articleId, { parentId: id });
    await notifierCaughtUp();

    expect(smtp.to(subscriber)).toHaveLength(1);
  });

  test('When the unsubscribe token is altered or missing, then 400 and nothing changes', async () => {
    const { id } = await subscribedComment(`kept.${Date.now()}@example.org`);

    const forged = await request(stack.app).post(`/v1/notifications/unsubscribe?token=${id}.AAAAAAAAAAAAAAAAAAAAAA`);
    const missing = await request(stack.app).get('/v1/notifications/unsubscribe').set('Accept', 'text/html');

    expect(forged.status).toBe(400);
    expect(forged.body).toEqual({ error: { code: 'invalid_unsubscribe_token', message: expect.any(String) } });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('This unsubscribe link is not valid');
    const [row] = await stack.services.db.query<{ notify_replies: boolean }>('SELECT notify_replies FROM comments WHERE id = $1', [id]);
    expect(row.notify_replies).toBe(true);
  });

  test('When the SMTP server refuses twice for now (451), then the email is retried and arrives once, and no address is logged or stored with the error', async () => {
    const subscriber = `patient.${Date.now()}@example.org`;
    const { articleId, id } = await subscribedComment(subscriber);
    smtp.failNext(2, 451);

    const reply = await apiClient(stack.app).postApproved(articleId, { parentId: id });
    await mailTo(subscriber);
    await notifierCaughtUp();

    expect(smtp.to(subscriber)).toHaveLength(1);
    const [row] = await stack.services.db.query<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM reply_notifications WHERE reply_id = $1',
      [reply],
    );
    expect(row).toEqual({ status: 'sent', attempts: 3, last_error: null });
    const metrics = await stack.worker!.metrics.registry.metrics();
    expect(metrics).toMatch(/sift_reply_notifications_total\{outcome="retry"\} [2-9]/);
    expect(metrics).toMatch(/sift_reply_notifications_total\{outcome="sent"\} [1-9]/);
    expect(stack.logs.text).toContain('reply notification will be retried');
    expect(stack.logs.text).toContain('SMTP 451');
    expect(stack.logs.text).not.toMatch(/@example\.org/);
  });

  test('When the SMTP server refuses the message for good (550), then it is not retried and the row says why without the address', async () => {
    const subscriber = `refused.${Date.now()}@example.org`;
    const { articleId, id } = await subscribedComment(subscriber);
    smtp.failNext(1, 550);

    const reply = await apiClient(stack.app).postApproved(articleId, { parentId: id });
    await notifierCaughtUp();

    const [row] = await stack.services.db.query<{ status: string; attempts: number; last_error: string }>(
      'SELECT status, attempts, last_error FROM reply_notifications WHERE reply_id = $1',
      [reply],
    );
    expect(row).toEqual({ status: 'failed', attempts: 1, last_error: 'SMTP 550' });
    expect(smtp.to(subscriber)).toHaveLength(0);
  });
});
