import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createLogger } from '../../src/logger';
import { purgeExpired } from '../../src/privacy/retention';
import { createSecrets } from '../../src/privacy/secrets';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ensureBuilt, ROOT } from '../helpers/processes';
import { TEST_SECRET_KEY, useTestStack, withTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

const run = promisify(execFile);

describe('Retention purge', () => {
  const stack = useTestStack({ env: { RETENTION_DAYS: '30', TRUST_PROXY: '1' } });

  /** Moves a comment's clock back, as if it had been posted and decided `days` ago. */
  const age = (id: string, days: number) =>
    stack.services.db.query(
      `UPDATE comments SET created_at = now() - $2 * interval '1 day', decided_at = now() - $2 * interval '1 day' WHERE id = $1`,
      [id, days],
    );
  const row = async (id: string) =>
    (
      await stack.services.db.query<{ status: string; ip_hash: Buffer | null }>('SELECT status, ip_hash FROM comments WHERE id = $1', [id])
    )[0];

  test('When spam and rejected comments are older than RETENTION_DAYS, then they are deleted, old IP hashes are cleared, and the rest stays', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('retention');
    const oldSpam = await api.post(articleId);
    const oldRejected = await api.post(articleId);
    const oldApproved = await api.post(articleId);
    const recentSpam = await api.post(articleId);
    await api.moderate(oldSpam, 'spam');
    await api.moderate(oldRejected, 'reject');
    await api.moderate(oldApproved, 'approve');
    await api.moderate(recentSpam, 'spam');
    for (const id of [oldSpam, oldRejected, oldApproved]) await age(id, 31);
    await age(recentSpam, 29);

    const result = await purgeExpired({ db: stack.services.db, logger: createLogger('silent'), days: 30 });

    expect(result.deletedComments).toBeGreaterThanOrEqual(2);
    expect(await row(oldSpam)).toBeUndefined();
    expect(await row(oldRejected)).toBeUndefined();
    expect(await row(oldApproved)).toMatchObject({ status: 'approved', ip_hash: null });
    expect(await row(recentSpam)).toMatchObject({ status: 'spam', ip_hash: expect.any(Buffer) });
    const audit = await stack.services.db.query('SELECT 1 FROM moderation_events WHERE comment_id = ANY($1::uuid[])', [
      [oldSpam, oldRejected],
    ]);
    expect(audit).toHaveLength(0);
  });

  test('When a worker runs with RETENTION_INTERVAL_SECONDS, then it purges by itself', async () => {
    const api = apiClient(stack.app);
    const spam = await api.post(randomArticleId('retention-worker'));
    await api.moderate(spam, 'spam');
    await age(spam, 40);

    await withTestStack({ shareDatabaseWith: stack, worker: true, env: { RETENTION_INTERVAL_SECONDS: '1' } }, () =>
      waitFor(async () => ((await row(spam)) === undefined ? true : undefined), 20_000, 'the periodic purge'),
    );
  });
});

describe('npm run rotate-keys', () => {
  beforeAll(() => ensureBuilt());
  const stack = useTestStack();

  test('When SECRET_KEY changes and rotate-keys runs with the old key in SECRET_KEYS_PREVIOUS, then every email is re-encrypted and re-hashed under the new key only', async () => {
    const email = `Rotating.${Date.now()}@Example.org`;
    const api = apiClient(stack.app);
    const ids = [await api.post(randomArticleId(), { authorEmail: email }), await api.post(randomArticleId())];
    const newKey = 'c3'.repeat(32);

    const { stdout } = await run(process.execPath, ['dist/src/privacy/rotate-keys-cli.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: stack.config.databaseUrl,
        SECRET_KEY: newKey,
        SECRET_KEYS_PREVIOUS: TEST_SECRET_KEY,
        LOG_LEVEL: 'warn',
      },
    });

    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ rotated: expect.any(Number), undecryptable: 0 });
    const onlyNew = createSecrets(newKey);
    const rows = await stack.services.db.query<{ id: string; author_email_enc: Buffer; author_email_hash: Buffer }>(
      'SELECT id, author_email_enc, author_email_hash FROM comments WHERE id = ANY($1::uuid[]) ORDER BY id',
      [ids],
    );
    for (const stored of rows) {
      expect(onlyNew.needsRotation(stored.author_email_enc)).toBe(false);
      expect(stored.author_email_hash.equals(onlyNew.emailHash(onlyNew.decryptEmail(stored.author_email_enc)))).toBe(true);
    }
    const mine = rows.find((r) => r.id === ids[0])!;
    expect(onlyNew.decryptEmail(mine.author_email_enc)).toBe(email);
    expect(() => createSecrets(TEST_SECRET_KEY).decryptEmail(mine.author_email_enc)).toThrow();
  });
});
