import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { DEV_SECRET_KEY } from '../../src/config';
import { EMAIL_KEY_MISSING } from '../../src/moderation/moderator-view';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ensureBuilt, ROOT } from '../helpers/processes';
import { ADMIN_KEY, useTestStack, withTestStack, type TestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { startReceiver } from '../notify/receiver';

const run = promisify(execFile);
const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
const NEW_KEY = 'd4'.repeat(32);
const FAST_WEBHOOKS = { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200' };

/**
 * The move every installation makes once: from the development key (SECRET_KEY unset, or
 * compose's default) to a key of its own. Done without listing the old key, it used to turn the
 * moderation API into 500s; now everything keeps working, and what cannot be decrypted says why.
 */
describe('Changing SECRET_KEY (from the development key)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const devStack = useTestStack({ env: { SECRET_KEY: '', ...FAST_WEBHOOKS } });
  afterAll(() => receiver?.close());
  const email = `old.reader.${Date.now()}@example.org`;
  let oldComment: string;
  let webhook: { id: string; secret: string };

  beforeAll(async () => {
    ensureBuilt();
    receiver = await startReceiver();
    oldComment = await apiClient(devStack.app).post(randomArticleId('old-key'), { authorEmail: email });
    const created = await request(devStack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url: receiver.url('/desk'), events: ['comment.approved'] });
    expect(created.status).toBe(201);
    webhook = created.body;
    receiver.expectSecret('/desk', webhook.secret);
  });

  /** The same deployment restarted (same database, same queues) with `env`, for as long as `use` runs. */
  const restartedWith = <T>(env: Record<string, string>, use: (stack: TestStack) => Promise<T>, worker = false) =>
    withTestStack(
      { shareDatabaseWith: devStack, worker, env: { ...FAST_WEBHOOKS, QUEUE_PREFIX: devStack.config.queuePrefix, ...env } },
      use,
    );

  test('When SECRET_KEY changes without SECRET_KEYS_PREVIOUS, then the moderation API still answers: the old email is null with the reason and fix, and decisions work', async () => {
    const { fresh, listed, one, approved } = await restartedWith({ SECRET_KEY: NEW_KEY }, async (stack) => {
      const api = apiClient(stack.app);
      const fresh = await api.post(randomArticleId('new-key'), { authorEmail: 'new.reader@example.org' });
      return {
        fresh,
        listed: await api.list({ limit: 100 }),
        one: await api.view(oldComment),
        approved: await api.moderate(oldComment, 'approve'),
      };
    });

    expect(listed.status).toBe(200);
    const byId = new Map((listed.body.comments as { id: string }[]).map((c) => [c.id, c]));
    expect(byId.get(oldComment)).toMatchObject({ authorEmail: null, authorEmailUnavailable: EMAIL_KEY_MISSING });
    expect(byId.get(fresh)).toMatchObject({ authorEmail: 'new.reader@example.org' });
    expect(byId.get(fresh)).not.toHaveProperty('authorEmailUnavailable');
    expect(one.status).toBe(200);
    expect(one.body.authorEmailUnavailable).toMatch(/SECRET_KEYS_PREVIOUS.*npm run rotate-keys/);
    expect(approved).toMatchObject({ id: oldComment, status: 'approved', authorEmail: null });
  });

  test('When a worker with the new key delivers a webhook sealed under the old one, then the delivery log names the fix, and listing the old key lets it through', async () => {
    const { commentId, failing } = await restartedWith(
      { SECRET_KEY: NEW_KEY },
      async (worker) => {
        const commentId = await apiClient(worker.app).post(randomArticleId('hook-key'));
        const failing = await waitFor(
          async () => {
            const log = await request(worker.app).get(`/v1/admin/webhooks/${webhook.id}/deliveries`).set(auth);
            const delivery = (log.body.deliveries as { lastError: string | null; id: string }[] | undefined)?.find((d) => d.lastError);
            return delivery;
          },
          20_000,
          'a failed attempt',
        );
        return { commentId, failing };
      },
      true,
    );
    expect(failing.lastError).toMatch(/SECRET_KEY this worker does not have: set SECRET_KEYS_PREVIOUS/);

    const delivered = await restartedWith(
      { SECRET_KEY: NEW_KEY, SECRET_KEYS_PREVIOUS: DEV_SECRET_KEY },
      () =>
        waitFor(() => receiver.at('/desk').find((r) => r.body.data.commentId === commentId && r.verified), 30_000, 'the retried delivery'),
      true,
    );
    expect(delivered.answered).toBe(204);
  }, 90_000);

  test('When the old key is listed and rotate-keys runs, then emails and webhook secrets move to the new key and the old key can be dropped', async () => {
    const { stdout } = await run(process.execPath, ['dist/src/privacy/rotate-keys-cli.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: devStack.config.databaseUrl,
        SECRET_KEY: NEW_KEY,
        SECRET_KEYS_PREVIOUS: DEV_SECRET_KEY,
        LOG_LEVEL: 'warn',
      },
    });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ undecryptable: 0, webhookSecrets: 1 });

    const view = await restartedWith({ SECRET_KEY: NEW_KEY }, (stack) => apiClient(stack.app).view(oldComment));
    expect(view.body).toMatchObject({ authorEmail: email });
    expect(view.body).not.toHaveProperty('authorEmailUnavailable');
  });
});
