import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, startTestStack, type TestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { CHROMIUM, OUTPUT, openConsole, seriousViolations, signInWith } from './console-helpers';

jest.setTimeout(60_000);

describe('GET /moderate (the moderation console) in Chromium', () => {
  let browser: Browser;
  let stack: TestStack;
  let client: ReturnType<typeof apiClient>;
  let moderatorKey: string;

  beforeAll(async () => {
    // SPAM_HOLD_THRESHOLD=0: every comment that is not clear spam is held, so the queue fills as needed.
    [stack, browser] = await Promise.all([
      startTestStack({ worker: true, env: { SPAM_HOLD_THRESHOLD: '0', HOLD_FIRST_COMMENT_WITH_LINK: 'false' } }),
      chromium.launch(CHROMIUM),
    ]);
    client = apiClient(stack.app);
    moderatorKey = (await client.createModerator(`Priya ${randomArticleId('m')}`)).body.apiKey;
    mkdirSync(OUTPUT, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function held(articleId: string, overrides: Parameters<typeof client.post>[1] = {}): Promise<string> {
    const id = await client.post(articleId, overrides);
    expect(await waitForDecision(stack.services.db, id)).toBe('held');
    return id;
  }

  test('When a moderator signs in with their key, then the held queue is the first view and the key is nowhere in the page', async () => {
    const articleId = randomArticleId();
    await held(articleId, { authorName: 'Ann', body: `The first held one. ${articleId}` });
    const visit = await openConsole(browser, stack.url);

    await signInWith(visit.page, moderatorKey);

    await visit.page.getByRole('heading', { name: 'Held comments' }).waitFor();
    expect(await visit.page.getByRole('link', { name: /Held/ }).getAttribute('aria-current')).toBe('page');
    await visit.page.getByText(`The first held one. ${articleId}`).first().waitFor();
    const html = await visit.page.content();
    const storage = await visit.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(html).not.toContain(moderatorKey);
    expect(storage).not.toContain(moderatorKey);
    expect(visit.page.url()).not.toContain(moderatorKey);
    expect(await seriousViolations(visit.page)).toEqual([]);
    await visit.page.screenshot({ path: path.join(OUTPUT, 'console-queue.png') });
    expect(visit.foreign).toEqual([]);
    await visit.close();
  });
});
