import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { CHROMIUM, OUTPUT, openConsole, seriousViolations, signInWith } from './console-helpers';

jest.setTimeout(60_000);

describe("GET /moderate: the Reported queue and editors' picks (Chromium)", () => {
  let browser: Browser;
  const stack = useTestStack({ env: { TRUST_PROXY: '1', REPORT_HOLD_THRESHOLD: '3' } });
  let client: ReturnType<typeof apiClient>;
  let moderatorKey: string;
  let moderatorName: string;

  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
    client = apiClient(stack.app);
    moderatorName = `Sam ${randomArticleId('m')}`;
    moderatorKey = (await client.createModerator(moderatorName)).body.apiKey;
    mkdirSync(OUTPUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const reportsOf = (id: string) =>
    stack.services.db.query<{ resolution: string | null; resolved_by: string | null }>(
      'SELECT resolution, resolved_by FROM comment_reports WHERE comment_id = $1 ORDER BY created_at',
      [id],
    );

  test('When readers report a comment, then a moderator finds it in the Reported queue with reasons, reads the notice, reveals its sender on request, features and keeps it', async () => {
    const articleId = randomArticleId();
    const id = await client.postApproved(articleId, { authorName: 'Ravi', body: 'A sharp but fair point about the NHS budget.' });
    await client.report(id, '198.51.100.20', { reason: 'abusive', explanation: 'Rude to the minister' });
    await client.report(id, '198.51.100.21', {
      reason: 'illegal',
      explanation: 'It repeats a defamatory claim about a named official.',
      reporterName: 'Olu Notice',
      reporterEmail: 'olu.console@example.org',
      goodFaith: true,
    });
    const { page, foreign, close } = await openConsole(browser, stack.url);
    await signInWith(page, moderatorKey);

    await page.getByRole('link', { name: /Reported/ }).click();
    await page.getByRole('heading', { name: 'Reported comments' }).waitFor();
    const item = page.locator('li.item', { hasText: 'A sharp but fair point' });
    await item.waitFor();
    expect(await item.locator('.item-flags').textContent()).toContain('2 reports: abusive, illegal content (notice)');
    const detail = page.locator('.detail');
    await detail.getByRole('heading', { name: 'Readers’ reports' }).waitFor();
    expect(await detail.textContent()).toContain('Rude to the minister');
    expect(await detail.textContent()).toContain('Notice of illegal content from Olu Notice');
    expect(await page.content()).not.toContain('olu.console@example.org');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'console-reported.png'), fullPage: true });

    await detail.getByRole('button', { name: 'Show Olu Notice’s email address' }).click();
    await detail.getByText('olu.console@example.org').waitFor();

    await item.locator('.item-main').focus();
    await page.keyboard.press('f');
    await waitFor(async () => ((await client.view(id)).body.featured === true ? true : undefined), 10_000, 'the pick');
    await item.getByText('editors’ pick').waitFor();
    await detail.getByRole('button', { name: /Keep published/ }).click();

    await waitFor(
      async () => ((await reportsOf(id)).every((r) => r.resolution === 'dismissed') ? true : undefined),
      15_000,
      'the reports dismissed',
    );
    expect(await reportsOf(id)).toEqual([
      { resolution: 'dismissed', resolved_by: moderatorName },
      { resolution: 'dismissed', resolved_by: moderatorName },
    ]);
    const log = (await client.history(id)).body.history;
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ by: moderatorName, rule: 'editors-pick', to: 'featured' })]));
    await page.getByText('No comment is waiting on readers’ reports.').waitFor({ timeout: 15_000 });
    expect(foreign).toEqual([]);
    await close();
  });

  test('When reports held a comment and a moderator removes it, then the reports are upheld and the stats view shows them, accessibly', async () => {
    const articleId = randomArticleId();
    const id = await client.postApproved(articleId, { authorName: 'Spammer', body: 'Cheap watches, best prices, visit my shop.' });
    for (const ip of ['198.51.100.30', '198.51.100.31', '198.51.100.32']) await client.report(id, ip, { reason: 'spam' });
    expect((await client.view(id)).body.status).toBe('held');
    const { page, close } = await openConsole(browser, stack.url);
    await signInWith(page, moderatorKey);
    await page.evaluate(() => (location.hash = '#/queue/reported'));
    const item = page.locator('li.item', { hasText: 'Cheap watches' });
    await item.waitFor();
    // Held by reports: the usual Approve, not "Keep published".
    await page
      .locator('.detail')
      .getByRole('button', { name: /^Approve/ })
      .waitFor();

    await item.locator('.item-main').focus();
    await page.keyboard.press('s');

    await waitFor(
      async () => ((await reportsOf(id)).every((r) => r.resolution === 'upheld') ? true : undefined),
      15_000,
      'the reports upheld',
    );
    await page.evaluate(() => (location.hash = '#/stats?period=24h'));
    await page.getByRole('heading', { name: 'Readers’ reports' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/Moderators upheld \d+ and dismissed \d+/);
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });
});
