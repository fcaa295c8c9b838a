import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { CHROMIUM, OUTPUT, seriousViolations } from './console-helpers';

jest.setTimeout(60_000);

/**
 * A news site on another origin: an article page with the widget (`/article?...`), and a section
 * page whose headlines carry data-sift-count (`/section?...`).
 */
function hostSite(): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const attr = (name: string) => (url.searchParams.get(name) ?? '').replace(/[^A-Za-z0-9:/._~,-]/g, '');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    if (url.pathname === '/section') {
      const [a, b, c] = attr('articles').split(',');
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Technology</title></head>
<body><h1>Technology</h1>
<article><h2>First story</h2><a href="/a#comments" data-sift-count="${a}">Comments</a></article>
<article><h2>Second story</h2><a href="/b#comments" data-sift-count="${b}">Comments</a></article>
<article><h2>Third story</h2><a href="/c#comments" data-sift-count="${c}" data-sift-zero="Be the first to comment">Comments</a></article>
<article><h2>First story again</h2><span data-sift-count="${a}" data-sift-many="{n} reader comments">…</span></article>
<script src="${attr('api')}/counts.js" async></script>
</body></html>`);
      return;
    }
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere News</title></head>
<body><main><h1>A story on another site</h1>
<script src="${attr('api')}/widget.js" data-article-id="${attr('article')}" data-article-title="A story" data-page-size="${attr('size') || '20'}" data-lang="${attr('lang') || 'en'}" data-theme="${attr('theme') || 'auto'}" async></script>
</main></body></html>`);
  });
}

describe('widget.js: sorting, recommending, reporting, picks; counts.js (Chromium)', () => {
  let browser: Browser;
  let hostServer: http.Server;
  let host: string;
  beforeAll(async () => {
    hostServer = hostSite();
    await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;
  });
  const stack = useTestStack(() => ({ env: { CORS_ORIGINS: host, TRUST_PROXY: '1' } }));
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
    client = apiClient(stack.app);
    mkdirSync(OUTPUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => hostServer.close(resolve));
  });

  async function visit(articleId: string, size = 20, extra = ''): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${host}/article?api=${stack.url}&article=${articleId}&size=${size}${extra}`);
    await page.locator('.sift').waitFor();
    return { page, close: () => context.close() };
  }
  const bodies = (page: Page) => page.locator('.sift-list > .sift-comment .sift-body').allTextContents();
  /** Recommendations made a minute ago: the most-recommended order counts them (src/comments/public-order.ts). */
  const settle = (articleId: string) =>
    stack.services.db.query(`UPDATE public_order_changes SET created_at = created_at - interval '1 minute' WHERE article_id = $1`, [
      articleId,
    ]);

  test('When a reader changes the order, then the comments are listed again in it, and "Load more" continues in it', async () => {
    const articleId = randomArticleId();
    const ids = [];
    for (const body of ['one', 'two', 'three']) ids.push(await client.postApproved(articleId, { body }));
    for (let i = 0; i < 3; i++) await client.recommend(ids[1], `10.9.0.${i + 1}`);
    await client.recommend(ids[2], '10.9.1.1');
    await settle(articleId);
    const { page, close } = await visit(articleId, 2);
    await page.getByText('two', { exact: true }).waitFor();
    expect(await bodies(page)).toEqual(['one', 'two']);

    await page.getByLabel('Sort by').selectOption({ label: 'Most recommended' });
    await waitFor(async () => ((await bodies(page))[0] === 'two' ? true : undefined), 8_000, 'the top order');
    expect(await bodies(page)).toEqual(['two', 'three']);
    await page.getByRole('button', { name: 'Load more comments' }).click();
    await page.getByText('one', { exact: true }).waitFor();
    expect(await bodies(page)).toEqual(['two', 'three', 'one']);

    await page.getByLabel('Sort by').selectOption({ label: 'Newest first' });
    await waitFor(async () => ((await bodies(page))[0] === 'three' ? true : undefined), 8_000, 'the newest order');
    expect(await bodies(page)).toEqual(['three', 'two']);
    expect(await page.getByRole('status').textContent()).toContain('newest first');
    await close();
  });

  test('When a reader recommends a comment, then the button is pressed with the new count, it stays so after a reload, and pressing again withdraws it', async () => {
    const articleId = randomArticleId();
    const id = await client.postApproved(articleId, { authorName: 'Ann', body: 'Worth recommending.' });
    await client.recommend(id, '10.9.2.1');
    const { page, close } = await visit(articleId);
    const button = page.getByRole('button', { name: 'Recommend the comment by Ann' });
    const tally = page.locator('.sift-tally');
    await button.waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await tally.textContent()).toBe('1 recommendation');

    await button.click();

    await waitFor(async () => ((await button.getAttribute('aria-pressed')) === 'true' ? true : undefined), 5_000, 'the pressed state');
    expect(await tally.textContent()).toBe('2 recommendations');
    expect(await page.getByRole('status').textContent()).toBe('You recommend this comment.');
    // A browser may serve the list it cached a moment ago: the widget still shows what the reader did.
    await page.reload();
    await waitFor(async () => ((await tally.textContent()) === '2 recommendations' ? true : undefined), 8_000, 'the count after a reload');
    expect(await button.getAttribute('aria-pressed')).toBe('true');

    await button.click();

    await waitFor(async () => ((await button.getAttribute('aria-pressed')) === 'false' ? true : undefined), 5_000, 'the withdrawn state');
    expect(await tally.textContent()).toBe('1 recommendation');
    expect((await client.view(id)).body.recommendations).toBe(1);
    await close();
  });

  test('When a reader reports a comment, then they choose a reason, the report reaches the moderators, and a second report is refused politely', async () => {
    const articleId = randomArticleId();
    const id = await client.postApproved(articleId, { authorName: 'Troll', body: 'You are all idiots.' });
    const { page, close } = await visit(articleId);
    await page.getByRole('button', { name: 'Report the comment by Troll' }).click();
    const form = page.getByRole('form', { name: 'Report the comment by Troll' });
    await form.waitFor();
    expect(await page.getByRole('button', { name: 'Report the comment by Troll' }).getAttribute('aria-expanded')).toBe('true');

    await form.getByRole('button', { name: 'Send report' }).click();
    await form.getByText('Please choose a reason.').waitFor();
    await form.getByLabel('Abusive or harassing').check();
    await form.getByLabel('Details (optional)').fill('Insults everyone');
    await form.getByRole('button', { name: 'Send report' }).click();

    await page.getByText('A moderator will look at this comment.').waitFor();
    const queue = await client.list({ status: 'reported', articleId });
    expect(queue.body.comments).toEqual([expect.objectContaining({ id, reports: { open: 1, total: 1, reasons: { abusive: 1 } } })]);
    expect(await page.getByRole('button', { name: 'Report the comment by Troll' }).isDisabled()).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Report the comment by Troll' }).click();
    await page.getByLabel('Spam').check();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByText('You have already reported this comment.').waitFor();
    await close();
  });

  test('When a reader sends a notice of illegal content, then the form asks for what the law asks, and the notice is confirmed', async () => {
    const articleId = randomArticleId();
    await client.postApproved(articleId, { authorName: 'Leaker', body: 'Here is the name of the victim.' });
    const { page, close } = await visit(articleId);
    await page.getByRole('button', { name: 'Report the comment by Leaker' }).click();
    const form = page.getByRole('form', { name: 'Report the comment by Leaker' });
    expect(await form.getByLabel('Your name').isVisible()).toBe(false);

    await form.getByLabel('Illegal content').check();

    expect(await form.getByLabel('Your name').isVisible()).toBe(true);
    await form.getByLabel(/Why is it illegal/).fill('It identifies the victim of a sexual offence, which the law forbids.');
    await form.getByLabel('Your name').fill('Nadia Legal');
    await form.getByLabel('Your email').fill('nadia.widget@example.org');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'widget-notice.png'), fullPage: true });
    await form.getByRole('button', { name: 'Send report' }).click();
    // The browser insists on the statement of good faith before anything is sent.
    expect(await form.isVisible()).toBe(true);
    await form.getByLabel(/I believe in good faith/).check();
    await form.getByRole('button', { name: 'Send report' }).click();

    await page.getByText('We have received your notice of illegal content.').waitFor();
    expect(await page.content()).not.toContain('nadia.widget@example.org');
    await close();
  });

  test("When a moderator picks a comment, then the widget shows it first, marked as an editors' pick, and the page passes an accessibility scan", async () => {
    const articleId = randomArticleId();
    await client.postApproved(articleId, { body: 'An ordinary first comment.' });
    const pick = await client.postApproved(articleId, { body: 'The most insightful comment.' });
    await client.feature(pick);

    const { page, close } = await visit(articleId);
    await page.getByText('The most insightful comment.').waitFor();

    expect(await bodies(page)).toEqual(['The most insightful comment.', 'An ordinary first comment.']);
    expect(await page.locator('.sift-comment').first().getByText("Editors' pick").isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });

  test('When the host asks for German in dark mode, then the order, Recommend and Report speak German, and the open report form passes an accessibility scan', async () => {
    const articleId = randomArticleId();
    await client.postApproved(articleId, { authorName: 'Uwe', body: 'Ein Kommentar.' });
    const { page, close } = await visit(articleId, 20, '&lang=de&theme=dark');
    await page.getByText('Ein Kommentar.').waitFor();

    expect(await page.getByLabel('Sortieren nach').isVisible()).toBe(true);
    expect(await page.getByRole('option', { name: 'Meistempfohlen' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Den Kommentar von Uwe empfehlen' }).textContent()).toBe('Empfehlen');
    await page.getByRole('button', { name: 'Den Kommentar von Uwe melden' }).click();
    await page.getByLabel('Rechtswidriger Inhalt').check();

    expect(await page.getByLabel('Ihre E-Mail').isVisible()).toBe(true);
    expect(await page.getByText('Warum soll sich die Moderation diesen Kommentar ansehen?').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'widget-notice-de-dark.png'), fullPage: true });
    await close();
  });

  test("When a section page loads counts.js, then every headline shows its article's approved count in its own words", async () => {
    const [a, b, c] = [randomArticleId('a'), randomArticleId('b'), randomArticleId('c')];
    await client.postApproved(a);
    await client.postApproved(a);
    await client.post(a); // pending: not counted
    await client.postApproved(b);
    const context = await browser.newContext();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/v1/comment-counts')) asked.push(req.url());
    });

    await page.goto(`${host}/section?api=${stack.url}&articles=${a},${b},${c}`);

    const link = (n: number) => page.locator('[data-sift-count]').nth(n);
    await waitFor(async () => ((await link(2).getAttribute('data-sift-count-shown')) === '0' ? true : undefined), 8_000, 'the counts');
    expect(await page.locator('[data-sift-count]').allTextContents()).toEqual([
      '2 comments',
      '1 comment',
      'Be the first to comment',
      '2 reader comments',
    ]);
    expect(asked).toHaveLength(1);
    expect(await link(0).getAttribute('href')).toBe('/a#comments');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
