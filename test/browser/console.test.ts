import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import request from 'supertest';
import { CHROMIUM, OUTPUT, openConsole, reloadAt, seriousViolations, signInWith, type ConsoleVisit } from './console-helpers';

jest.setTimeout(60_000);

describe('GET /moderate (the moderation console) in Chromium', () => {
  let browser: Browser;
  // SPAM_HOLD_THRESHOLD=0: every comment that is not clear spam is held, so the queue fills as needed.
  // CONSOLE_UNDO_SECONDS=1: a decision reaches Sift a second after its key press, not five.
  const stack = useTestStack({
    worker: true,
    env: { SPAM_HOLD_THRESHOLD: '0', HOLD_FIRST_COMMENT_WITH_LINK: 'false', WEBHOOK_ALLOW_PRIVATE: '1', CONSOLE_UNDO_SECONDS: '1' },
  });
  let client: ReturnType<typeof apiClient>;
  let moderatorKey: string;
  let moderatorName: string;
  const adminAuth = { Authorization: `Bearer ${ADMIN_KEY}` };

  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
    client = apiClient(stack.app);
    moderatorName = `Priya ${randomArticleId('m')}`;
    moderatorKey = (await client.createModerator(moderatorName)).body.apiKey;
    mkdirSync(OUTPUT, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * The moderator's signed-in tab, shared by the tests that need no browser of their own: opened
   * and signed in once (by the first test), then loaded anew at each test's view.
   */
  let desk: ConsoleVisit | null = null;
  async function deskPage(): Promise<Page> {
    if (!desk) {
      desk = await openConsole(browser, stack.url);
      await signInWith(desk.page, moderatorKey);
    }
    return desk.page;
  }
  async function deskAt(hash: string): Promise<Page> {
    const page = await deskPage();
    await reloadAt(page, hash);
    return page;
  }

  /** Approves whatever earlier tests left held, so a test's queue holds only its own comments. */
  async function clearHeld(): Promise<void> {
    for (;;) {
      const { body } = await client.list({ status: 'held', limit: 100 });
      if (!body.comments.length) return;
      await request(stack.app)
        .post('/v1/moderation/comments/bulk')
        .set(adminAuth)
        .send({ action: 'approve', ids: body.comments.map((c: { id: string }) => c.id) });
    }
  }

  const statusOf = async (id: string) =>
    (
      await stack.services.db.query<{ status: string; decided_by: string }>('SELECT status, decided_by FROM comments WHERE id = $1', [id])
    )[0];

  /** Waits until the comment has the status (a console action is sent after its undo moment). */
  const becomes = (id: string, status: string) =>
    waitFor(async () => ((await statusOf(id)).status === status ? true : undefined), 15_000, `${id} to become ${status}`);

  type Overrides = Parameters<typeof client.post>[1];

  async function held(articleId: string, overrides: Overrides = {}): Promise<string> {
    return (await heldAll(articleId, [overrides]))[0];
  }

  /** Posts the comments in order (oldest first in the queue) and waits for the worker to hold them all. */
  async function heldAll(articleId: string, comments: Overrides[]): Promise<string[]> {
    const ids: string[] = [];
    for (const overrides of comments) ids.push(await client.post(articleId, overrides));
    expect(await Promise.all(ids.map((id) => waitForDecision(stack.services.db, id)))).toEqual(ids.map(() => 'held'));
    return ids;
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
    await visit.page.screenshot({ path: path.join(OUTPUT, 'console-first-view.png') });
    expect(visit.foreign).toEqual([]);
    // Signed in as the moderator: the tab the next tests share.
    if (desk) await visit.close();
    else desk = visit;
  });

  test('When a moderator works through the held queue with the keyboard only, then each decision is audited under their name, undo really undoes and new comments join the queue without a reload', async () => {
    await clearHeld();
    const articleId = randomArticleId();
    const ids = await heldAll(
      articleId,
      [1, 2, 3, 4].map((n) => ({ authorName: `Reader ${n}`, body: `Keyboard comment number ${n}.` })),
    );
    // The page's clock is the test's: its 10-second refresh is moved on to, not waited for.
    const { page, foreign, close } = await openConsole(browser, stack.url, { clock: true });
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 5 && (await focused()) !== 'sign-in-key'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type(moderatorKey);
    await page.keyboard.press('Enter');
    await page.getByText('Keyboard comment number 1.').first().waitFor();
    const current = () => page.locator('li.item[aria-current="true"] .item-body').textContent();
    await waitFor(
      async () => ((await current()) === 'Keyboard comment number 1.' ? true : undefined),
      10_000,
      'the oldest comment to be current',
    );

    await page.keyboard.press('a');
    await waitFor(async () => ((await current()) === 'Keyboard comment number 2.' ? true : undefined), 10_000, 'the next comment');
    await page.keyboard.press('r');
    await page.getByRole('dialog', { name: 'Reject the comment by Reader 2' }).waitFor();
    await page.keyboard.press('3');
    // Undo within the second: both keys in one call, so that a loaded machine cannot let the moment pass.
    await page.keyboard.type('su');
    await waitFor(async () => ((await current()) === 'Keyboard comment number 3.' ? true : undefined), 10_000, 'the undone comment back');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('a');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('ban the author');
    expect(await page.getByRole('dialog').textContent()).toContain('undo the last action (for 1 second)');
    await page.keyboard.press('Escape');
    // Meanwhile a new comment is held: it joins the open queue without a reload, at the next refresh.
    await held(articleId, { body: 'Arrived while the moderator worked.' });

    await becomes(ids[0], 'approved');
    await becomes(ids[1], 'rejected');
    await becomes(ids[2], 'approved');
    expect(await statusOf(ids[3])).toMatchObject({ status: 'held' });
    const events = await stack.services.db.query<{
      comment_id: string;
      actor: string;
      to_status: string;
      details: { reasonCode?: string } | null;
    }>(`SELECT comment_id, actor, to_status, details FROM moderation_events WHERE comment_id = ANY($1) AND actor <> 'auto' ORDER BY id`, [
      ids,
    ]);
    expect(events).toEqual([
      expect.objectContaining({ comment_id: ids[0], actor: moderatorName, to_status: 'approved' }),
      expect.objectContaining({ comment_id: ids[1], actor: moderatorName, to_status: 'rejected', details: { reasonCode: 'off-topic' } }),
      expect.objectContaining({ comment_id: ids[2], actor: moderatorName, to_status: 'approved' }),
    ]);
    // The decisions above were sent one by one as their second passed; now on to the next refresh.
    await page.clock.fastForward(10_000);
    await page.locator('li.item', { hasText: 'Arrived while the moderator worked.' }).waitFor({ timeout: 10_000 });
    await waitFor(
      async () => ((await page.locator('.tabs a[aria-current="page"] .count').textContent()) === '2' ? true : undefined),
      10_000,
      'the held count',
    );
    expect(foreign).toEqual([]);
    await close();
  });

  test('When a moderator shift-clicks a range and then selects all on the page, then each bulk decision reaches every selected comment', async () => {
    await clearHeld();
    const articleId = randomArticleId();
    const ids = await heldAll(
      articleId,
      [1, 2, 3, 4, 5].map((n) => ({ body: `Bulk comment ${n}.` })),
    );
    const page = await deskAt('#/queue/held');
    await page.getByText('Bulk comment 5.').waitFor();
    const box = (n: number) => page.locator('li.item', { hasText: `Bulk comment ${n}.` }).getByRole('checkbox');

    await box(1).click();
    await box(3).click({ modifiers: ['Shift'] });
    expect(await page.getByText('3 selected').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Spam selected' }).click();
    await waitFor(
      async () => ((await page.locator('li.item').count()) === 2 ? true : undefined),
      10_000,
      'the 3 marked as spam to leave the list',
    );
    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Approve selected' }).click();

    for (const id of ids.slice(0, 3)) await becomes(id, 'spam');
    for (const id of ids.slice(3)) await becomes(id, 'approved');
    const via = await stack.services.db.query<{ via: string }>(
      `SELECT details->>'via' AS via FROM moderation_events WHERE comment_id = ANY($1) AND actor = $2`,
      [ids, moderatorName],
    );
    expect(via.map((row) => row.via)).toEqual(['bulk', 'bulk', 'bulk', 'bulk', 'bulk']);
    await page.getByText('Nothing is waiting for a moderator.').waitFor({ timeout: 15_000 });
  });

  test('When a moderator bans the author from the queue, then their waiting comments are rejected and their next comment too', async () => {
    await clearHeld();
    const articleId = randomArticleId();
    const troll = { authorName: 'Troll', authorEmail: `troll.${articleId}@example.org` };
    const [first, second, other] = await heldAll(articleId, [
      { ...troll, body: 'First from the troll.' },
      { ...troll, body: 'Second from the troll.' },
      { body: 'An innocent bystander.' },
    ]);
    const page = await deskAt('#/queue/held');
    await page.locator('.detail-pane:not([aria-busy]) .detail', { hasText: 'First from the troll.' }).waitFor();

    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'Ban Troll' });
    await dialog.waitFor();
    await dialog.getByLabel('For how long').selectOption({ label: '30 days' });
    await dialog.getByRole('button', { name: 'Ban author' }).click();

    await becomes(first, 'rejected');
    await becomes(second, 'rejected');
    expect((await statusOf(other)).status).toBe('held');
    await page.locator('li.item', { hasText: 'Second from the troll.' }).waitFor({ state: 'detached', timeout: 10_000 });
    const next = await client.post(articleId, { ...troll, body: 'Back again.' });
    expect(await waitForDecision(stack.services.db, next)).toBe('rejected');
  });

  test('When a moderator closes an article in the console, then new comments on it are refused', async () => {
    const articleId = randomArticleId();
    await held(articleId);
    const page = await deskAt('#/queue/held');

    await page.getByRole('link', { name: 'Articles' }).click();
    await page.getByLabel('Article id').fill(articleId);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Close commenting' }).click();
    await page.getByText('Commenting is closed').waitFor();

    const refused = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .send({ authorName: 'Late', authorEmail: 'late@example.org', body: 'Too late?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('comments_closed');
    await page.getByRole('button', { name: 'Reopen commenting' }).click();
    await page.locator('#main').getByText('Commenting is open again.').waitFor();
  });

  test('When a moderator adds a banned term in the console, then the next comment with it is rejected, and held again once it is removed', async () => {
    const term = `grifter${Date.now().toString(36)}`;
    const page = await deskAt('#/queue/held');
    await page.getByRole('link', { name: 'Word lists' }).click();

    await page.getByLabel('Add to banned terms').fill(term);
    await page.getByRole('button', { name: 'Add' }).first().click();
    await page.getByRole('list', { name: 'Banned terms' }).getByText(term).waitFor();
    const rejected = await client.post(randomArticleId(), { body: `What a ${term} this minister is.` });
    expect(await waitForDecision(stack.services.db, rejected)).toBe('rejected');

    await page.getByRole('button', { name: `Remove ${term} from banned terms` }).click();
    await page.getByText(`Removed ${term}.`).waitFor();
    const heldAgain = await client.post(randomArticleId(), { body: `What a ${term} this minister is.` });
    expect(await waitForDecision(stack.services.db, heldAgain)).toBe('held');
  });

  test('When a moderator signs out, then the page asks for a key and the old session cookie is refused', async () => {
    const { page, context, close } = await openConsole(browser, stack.url);
    await signInWith(page, moderatorKey);
    const [cookie] = await context.cookies();
    const csrf = (await page.evaluate(() => sessionStorage.getItem('sift-console-csrf')))!;
    const withSession = () =>
      request(stack.app).get('/v1/moderation/comments').set('Cookie', `${cookie.name}=${cookie.value}`).set('X-CSRF-Token', csrf);
    expect((await withSession()).status).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    expect(await page.getByLabel('Key').isVisible()).toBe(true);
    expect((await withSession()).status).toBe(401);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await close();
  });

  test('When the page is reloaded, then the tab stays signed in; a new tab asks for the key and, signed in, leaves the first tab working', async () => {
    const page = await deskAt('#/queue/held');
    const storage = () => page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage) }));
    expect(await storage()).toEqual({ local: 0, session: ['sift-console-csrf'] });
    // The page's own script, with the cookie but without the token, gets nothing back.
    const cookieOnly = await page.evaluate(async () => {
      const response = await fetch('/moderate/session');
      return { status: response.status, text: await response.text() };
    });
    expect(cookieOnly.status).toBe(403);
    expect(cookieOnly.text).not.toContain((await page.evaluate(() => sessionStorage.getItem('sift-console-csrf')))!);

    await page.reload();
    await page.getByRole('heading', { name: 'Held comments' }).waitFor();
    expect(page.url()).not.toMatch(/csrf|token/i);
    const second = await page.context().newPage();
    await second.goto(`${stack.url}/moderate`);
    await second.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await second.locator('#sign-in-error').textContent()).toBe('');
    await signInWith(second, moderatorKey);
    await second.getByRole('heading', { name: 'Held comments' }).waitFor();
    // The first tab still changes things (a term no comment has, added and removed).
    const term = `tabtest${Date.now().toString(36)}`;
    await page.bringToFront();
    await page.getByRole('link', { name: 'Word lists' }).click();
    await page.getByLabel('Add to suspect terms').fill(term);
    await page.getByRole('button', { name: 'Add' }).nth(1).click();
    await page.getByRole('button', { name: `Remove ${term} from suspect terms` }).click();
    await page.getByText(`Removed ${term}.`).waitFor();

    expect(await page.getByLabel('Key').count()).toBe(0);
    await second.close();
  });

  test('When a comment body and author name hold HTML and script, then every view shows them as text and nothing runs', async () => {
    await clearHeld();
    const articleId = randomArticleId('xss');
    const name = '<img src=x onerror="window.__pwned=1">';
    const body = '<script>window.__pwned=2</script><b>bold</b> & "quoted" <a href="javascript:alert(3)">link</a>';
    const author = { authorName: name, authorEmail: `mallory.${articleId}@example.org` };
    const first = await held(articleId, { ...author, body });
    await held(articleId, { ...author, body: `${body} again` });
    await request(stack.app)
      .post('/v1/moderation/word-lists/suspect/terms')
      .set(adminAuth)
      .send({ terms: ['<b>shouty</b>'] });
    const page = await deskAt('#/queue/held');
    const noMarkup = () =>
      page.evaluate(() => ({
        elements: document.querySelectorAll(
          'main img, main script, main b, main a[href^="javascript"], dialog img, dialog b, #toasts img, #toasts b',
        ).length,
        pwned: (window as unknown as { __pwned?: number }).__pwned,
      }));

    // The queue and the comment in full (with the author's other comment).
    await page.locator('li.item[aria-current="true"]').waitFor();
    expect(await page.locator('li.item .author').allTextContents()).toEqual([name, name]);
    await page.locator('.detail .comment-body').waitFor();
    expect(await page.locator('#detail-title .author').textContent()).toBe(name);
    expect(await page.locator('.detail .comment-body').textContent()).toBe(body);
    expect(await page.locator('.others li').first().textContent()).toContain('<script>window.__pwned=2</script><b>bold</b>');
    // The dialogs and the undo message name the author as text.
    await page.keyboard.press('r');
    await page.getByRole('dialog', { name: `Reject the comment by ${name}` }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await page.getByRole('dialog', { name: `Ban ${name}` }).waitFor();
    expect(await noMarkup()).toEqual({ elements: 0, pwned: undefined });
    await page.keyboard.press('Escape');
    // The undo message lives a second: each one is recorded as it appears.
    await page.evaluate(() => {
      const seen: Array<{ text: string; markup: number }> = ((window as unknown as { __toasts: unknown[] }).__toasts = []);
      new MutationObserver((changes) => {
        for (const node of changes.flatMap((change) => [...change.addedNodes])) {
          if (node instanceof HTMLElement)
            seen.push({ text: node.textContent ?? '', markup: node.querySelectorAll('img, b, script, a').length });
        }
      }).observe(document.getElementById('toasts')!, { childList: true });
    });
    await page.keyboard.press('a');
    await becomes(first, 'approved');
    expect(await page.evaluate(() => (window as unknown as { __toasts: unknown[] }).__toasts)).toEqual([
      { text: expect.stringContaining(`Approved the comment by ${name}.`), markup: 0 },
    ]);
    // Search results, the recently decided queue and the word list.
    await page.goto(`${stack.url}/moderate#/queue/search?article=${articleId}`);
    await page.locator('li.item').first().waitFor();
    expect(await page.locator('li.item .author').allTextContents()).toEqual([name, name]);
    await page.getByRole('link', { name: /Decided/ }).click();
    await page.locator('li.item .author', { hasText: name }).first().waitFor();
    await page.getByRole('link', { name: 'Word lists' }).click();
    await page.getByRole('list', { name: 'Suspect terms' }).getByText('<b>shouty</b>').waitFor();

    expect(await noMarkup()).toEqual({ elements: 0, pwned: undefined });
    expect(desk!.dialogs).toEqual([]);
  });

  test('When a moderator reads comments, then no email address reaches the page until they ask for one', async () => {
    await clearHeld();
    const articleId = randomArticleId();
    const emails = [`first.${articleId}@example.org`, `second.${articleId}@example.org`];
    const ids: string[] = [];
    for (const authorEmail of emails) ids.push(await held(articleId, { authorEmail, body: `Written by ${authorEmail.split('.')[0]}.` }));
    const page = await deskPage();
    const bodies: Array<Promise<string>> = [];
    const record = (response: Response) => void bodies.push(response.text().catch(() => ''));
    page.on('response', record);
    // The comment shown in full once its pane has finished loading (not the one it showed before).
    const shown = (id: string) => page.locator(`.detail-pane:not([aria-busy]) .detail[data-comment-id="${id}"]`).waitFor();
    await reloadAt(page, '#/queue/held');
    await shown(ids[0]);
    await page.keyboard.press('j');
    await shown(ids[1]);
    await page.keyboard.press('k');
    await shown(ids[0]);

    const before = (await Promise.all(bodies)).join('\n') + (await page.content());
    for (const email of emails) expect(before).not.toContain(email);

    await page.getByRole('button', { name: 'Show email address' }).click();

    await page.locator('output.email').waitFor();
    expect(await page.locator('output.email').textContent()).toBe(emails[0]);
    expect(await page.content()).not.toContain(emails[1]);
    page.off('response', record);
  });

  test('When the console is used on a phone and at 200 % zoom, then every view fits the width', async () => {
    await held(randomArticleId(), {
      authorName: 'Sam',
      body: 'A comment long enough to wrap onto a few lines on a narrow phone screen, as real comments do.',
    });
    const page = await deskPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await reloadAt(page, '#/queue/held');
      await page.locator('.detail .comment-body').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(OUTPUT, 'console-phone.png'), fullPage: true });

      // 200 % zoom of a 1280 × 900 window: 640 × 450 CSS pixels.
      await page.setViewportSize({ width: 640, height: 450 });
      for (const [hash, ready] of [
        ['#/queue/held', '.detail .comment-body'],
        ['#/articles', 'table'],
        ['#/word-lists', '#banned-title'],
        ['#/bans', 'table'],
        ['#/trust', '#trust-min'],
        ['#/stats', '.tiles'],
      ] as const) {
        await page.evaluate((to) => (location.hash = to), hash);
        await page.locator(ready).first().waitFor();
        expect({ hash, overflow: await overflow() }).toEqual({ hash, overflow: expect.any(Number) });
        expect(await overflow()).toBeLessThanOrEqual(0);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('When each view of the console is scanned with axe-core, then none has a serious or critical violation', async () => {
    const articleId = randomArticleId('nhs-cyberattack');
    await held(articleId, {
      authorName: 'Priya',
      body: 'Our trust was hit too. Patching the old XP machines took weeks,\nand nobody had budgeted for it.',
    });
    await held(articleId, { authorName: 'Tom', body: 'Same here; we went back to pen and paper for two days.' });
    // A few other rules, so the stats' charts have something to draw.
    await client.post(articleId, { body: 'Subscribe to my channel!!! Check out my channel, win free money http://spam.example/win' });
    await client.post(articleId, { body: 'What a load of sh1t, f u c k i n g useless.' });
    await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(adminAuth)
      .send({ url: 'http://127.0.0.1:9/sift-hook', events: ['comment.held'] });
    await request(stack.app)
      .post('/v1/moderation/bans')
      .set(adminAuth)
      .send({ email: `banned.${articleId}@example.org`, durationDays: 7, reasonCode: 'abusive' });
    const { page, foreign, close } = await openConsole(browser, stack.url);
    const scanned: Record<string, unknown> = {};
    scanned['sign-in'] = await seriousViolations(page);
    await page.screenshot({ path: path.join(OUTPUT, 'console-sign-in.png') });
    await signInWith(page, ADMIN_KEY);

    for (const [name, hash, ready] of [
      ['queue', '#/queue/held', '.detail .comment-body'],
      ['search', `#/queue/search?article=${articleId}`, 'li.item'],
      ['articles', '#/articles', 'tbody tr'],
      ['article', `#/articles/${articleId}`, '.article-state .badges'],
      ['word-lists', '#/word-lists', '#banned-title'],
      ['bans', '#/bans', 'tbody tr'],
      ['trust', '#/trust', '#trust-min'],
      ['stats', '#/stats?period=24h', 'figure.chart'],
      ['moderators', '#/moderators', '#moderator-name'],
      ['webhooks', '#/webhooks', '.hooks li'],
      ['privacy', '#/privacy', '#export-email'],
    ] as const) {
      await page.evaluate((to) => (location.hash = to), hash);
      await page.locator(ready).first().waitFor();
      scanned[name] = await seriousViolations(page);
      await page.screenshot({ path: path.join(OUTPUT, `console-${name}.png`), fullPage: true });
    }
    await page.evaluate(() => (location.hash = '#/queue/held'));
    await page.locator('.detail .comment-body').waitFor();
    for (const [name, key] of [
      ['keys', '?'],
      ['reject', 'r'],
      ['ban', 'b'],
    ] as const) {
      await page.keyboard.press(key);
      await page.getByRole('dialog').waitFor();
      scanned[`${name}-dialog`] = await seriousViolations(page);
      if (name === 'reject') await page.screenshot({ path: path.join(OUTPUT, 'console-reject-dialog.png') });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    expect(scanned).toEqual(Object.fromEntries(Object.keys(scanned).map((name) => [name, []])));
    expect(foreign).toEqual([]);
    await close();
  });
});
