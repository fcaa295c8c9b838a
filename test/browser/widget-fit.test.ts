import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ROOT } from '../helpers/processes';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { readerClaims, signToken } from '../identity/sso-tokens';
import { CHROMIUM, seriousViolations } from './console-helpers';

jest.setTimeout(30_000);

const OUTPUT = path.join(ROOT, 'test-output');
const SSO_SECRET = 'widget-sso-secret-for-tests-0123456789abcdef';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The host site's own stylesheet: it sets the widget's custom properties, in <head>, before the widget loads. */
const HOST_CSS = `body { font-family: system-ui, sans-serif; margin: 2rem; }
.sift { --sift-accent: #bb1919; --sift-font: Georgia, serif; }
:root { --sift-radius: 0px; }
/* The site's red is too dark on a dark widget: it gives a lighter one for dark mode, as the README shows. */
.sift[data-sift-theme="dark"] { --sift-accent: #ff8a80; }
@media (prefers-color-scheme: dark) { .sift[data-sift-theme="auto"] { --sift-accent: #ff8a80; } }
`;

/**
 * A news site on its own origin with a strict Content-Security-Policy: scripts and the widget's
 * stylesheet only from Sift, its own stylesheet, calls only to Sift, nothing inline. Query options
 * become the script tag's data- attributes; without `article-id` the tag only loads the API (a single-page site).
 */
function hostSite(): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css' });
      res.end(HOST_CSS);
      return;
    }
    const api = url.searchParams.get('api') ?? '';
    const attrs = ['article-id', 'article-title', 'lang', 'dir', 'theme', 'strings', 'sso-token']
      .filter((name) => url.searchParams.has(name))
      .map((name) => ` data-${name}="${escapeHtml(url.searchParams.get(name)!)}"`)
      .join('');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src ${api}; style-src 'self' ${api}; connect-src ${api}; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    });
    res.end(`<!doctype html><html lang="${escapeHtml(url.searchParams.get('page-lang') ?? 'en')}"><head><meta charset="utf-8"><title>Elsewhere News</title>
<link rel="stylesheet" href="/host.css"></head>
<body><main><h1>A story on another site</h1><p>Text of the story.</p><div id="comments"></div>
<script src="${escapeHtml(api)}/widget.js"${attrs} async></script></main></body></html>`);
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** WCAG contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = color
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('widget.js on any site: theming, dark mode, languages, right-to-left, single-page API, signed-in readers', () => {
  let browser: Browser;
  let hostServer: http.Server;
  let host: string;
  beforeAll(async () => {
    hostServer = hostSite();
    host = await listen(hostServer);
  });
  const stack = useTestStack(() => ({ env: { CORS_ORIGINS: host, SSO_HS256_SECRET: SSO_SECRET } }));
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
    client = apiClient(stack.app);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => hostServer.close(() => resolve()));
  });

  interface Visit {
    page: Page;
    /** Every URL the page asked for, and every CSP violation it reported. */
    requested: string[];
    cspViolations: string[];
    close(): Promise<void>;
  }

  async function visit(query: Record<string, string>, options: { colorScheme?: 'light' | 'dark'; waitFor?: string } = {}): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const requested: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${host}/?${new URLSearchParams({ api: stack.url, ...query })}`);
    if (options.waitFor !== '') await page.locator(options.waitFor ?? '.sift-title').waitFor();
    return { page, requested, cspViolations, close: () => context.close() };
  }

  /** Every request went to the host site or to Sift, and the page's strict CSP refused nothing. */
  function expectOnlyTwoOrigins(v: Visit) {
    const origins = new Set(v.requested.map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([host, stack.url].sort());
    expect(v.cspViolations).toEqual([]);
  }

  const style = (page: Page, selector: string, property: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((node, prop) => getComputedStyle(node).getPropertyValue(prop), property);

  test("When the host page sets --sift-* properties in its own stylesheet, then they win over the widget's defaults", async () => {
    const v = await visit({ 'article-id': randomArticleId() });

    expect(await style(v.page, '.sift-submit', 'background-color')).toBe('rgb(187, 25, 25)');
    expect(await style(v.page, '.sift-submit', 'border-top-left-radius')).toBe('0px');
    expect(await style(v.page, '.sift', 'font-family')).toMatch(/^Georgia/);
    // What the host did not set keeps the widget's default.
    expect(await style(v.page, '.sift-form', 'background-color')).toBe('rgb(246, 247, 248)');
    expect(await seriousViolations(v.page)).toEqual([]);
    expectOnlyTwoOrigins(v);
    await v.close();
  });

  test.each([
    ['the host pins data-theme="dark"', { theme: 'dark' }, 'light' as const],
    ["the reader's system prefers dark (theme auto)", {}, 'dark' as const],
  ])('When %s, then the widget is dark and typed text in every input stays readable', async (_what, query, colorScheme) => {
    const articleId = randomArticleId();
    await client.postApproved(articleId, { authorName: 'Ann', body: 'Readable in the dark.' });
    const v = await visit({ 'article-id': articleId, ...query }, { colorScheme });
    await v.page.getByText('Readable in the dark.').waitFor();
    await v.page.getByLabel('Name').fill('Dana');
    await v.page.getByLabel('Email', { exact: true }).fill('dana@example.org');
    await v.page.getByLabel('Comment', { exact: true }).fill('Typed text must be legible.');

    for (const selector of ['.sift input[type="text"]', '.sift input[type="email"]', '.sift textarea']) {
      const [color, background] = [await style(v.page, selector, 'color'), await style(v.page, selector, 'background-color')];
      expect(contrast(color, background)).toBeGreaterThanOrEqual(7);
    }
    const [text, surface] = [await style(v.page, '.sift', 'color'), await style(v.page, '.sift', 'background-color')];
    expect(contrast(text, surface)).toBeGreaterThanOrEqual(7);
    expect(await style(v.page, '.sift', 'color-scheme')).toBe('dark');
    expect(await seriousViolations(v.page)).toEqual([]);
    await v.page.screenshot({ path: path.join(OUTPUT, `widget-dark-${colorScheme}.png`), fullPage: true });
    expectOnlyTwoOrigins(v);
    await v.close();
  });

  test('When the host asks for German, then every visible string is German', async () => {
    const v = await visit({ 'article-id': randomArticleId(), 'article-title': 'Ein Artikel', lang: 'de' });

    await v.page.getByText('„Ein Artikel“ hat noch keine Kommentare').waitFor();
    expect(await v.page.getByRole('heading', { name: 'Möchten Sie Ihre Gedanken teilen?' }).isVisible()).toBe(true);
    expect(await v.page.getByLabel('E-Mail', { exact: true }).isVisible()).toBe(true);
    expect(await v.page.getByLabel('Benachrichtigen Sie mich per E-Mail, wenn jemand antwortet').isVisible()).toBe(true);
    expect(await v.page.getByRole('button', { name: 'Kommentar senden' }).isVisible()).toBe(true);
    expect(await v.page.locator('.sift').getAttribute('lang')).toBe('de');
    await v.close();
  });

  test('When the host supplies a Hebrew table, then its strings show and the layout runs right to left', async () => {
    const articleId = randomArticleId();
    const parent = await client.postApproved(articleId, { authorName: 'Ann', body: 'A first comment.' });
    await client.postApproved(articleId, { authorName: 'Ben', body: 'A reply to it.', parentId: parent });
    const hebrew = {
      title: 'תגובות',
      'count.one': 'תגובה אחת',
      'count.other': '{n} תגובות',
      post: 'פרסום תגובה',
      name: 'שם',
      comment: 'תגובה',
      formTitle: 'רוצים לשתף?',
    };

    const v = await visit({ 'article-id': articleId, lang: 'he', strings: JSON.stringify(hebrew) });
    await v.page.getByText('A reply to it.').waitFor();

    expect(await v.page.locator('.sift').getAttribute('dir')).toBe('rtl');
    expect(await style(v.page, '.sift', 'direction')).toBe('rtl');
    expect(await v.page.getByRole('heading', { name: '2 תגובות' }).isVisible()).toBe(true);
    expect(await v.page.getByRole('button', { name: 'פרסום תגובה' }).isVisible()).toBe(true);
    // Strings the table leaves out fall back to English rather than showing a key.
    expect(await v.page.getByLabel('Email', { exact: true }).isVisible()).toBe(true);
    // Replies indent from the right.
    const replies = v.page.locator('.sift-replies', { hasText: 'A reply to it.' });
    expect(await replies.evaluate((n) => getComputedStyle(n).marginRight)).not.toBe('0px');
    expect(await replies.evaluate((n) => getComputedStyle(n).marginLeft)).toBe('0px');
    const [parentBox, replyBox] = [
      await v.page.getByText('A first comment.').boundingBox(),
      await v.page.getByText('A reply to it.').boundingBox(),
    ];
    expect(replyBox!.x + replyBox!.width).toBeLessThan(parentBox!.x + parentBox!.width);
    expect(await seriousViolations(v.page)).toEqual([]);
    await v.page.screenshot({ path: path.join(OUTPUT, 'widget-rtl.png'), fullPage: true });
    await v.close();
  });

  test('When a single-page site mounts, changes article and unmounts, then it always shows the right comments', async () => {
    const [first, second] = [randomArticleId('spa-one'), randomArticleId('spa-two')];
    await client.postApproved(first, { body: 'Only on the first article.' });
    await client.postApproved(second, { body: 'Only on the second article.' });
    const v = await visit({}, { waitFor: '' });
    await v.page.waitForFunction(() => 'Sift' in window);
    // The first article's list is held back until the site has moved on to the second.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await v.page.route(`**/v1/articles/${first}/comments*`, async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the widget may have aborted it meanwhile
    });
    // Answered late or aborted by the widget: either way it has ended before we look.
    const late = new Promise<void>((resolve) => {
      const ended = (r: { url(): string }) => r.url().includes(`/v1/articles/${first}/comments`) && resolve();
      v.page.on('requestfailed', ended);
      v.page.on('requestfinished', ended);
    });

    await v.page.evaluate((id) => {
      const w = window as unknown as { Sift: { mount(el: Element, o: object): unknown }; comments: unknown };
      w.comments = w.Sift.mount(document.getElementById('comments')!, { articleId: id });
    }, first);
    await v.page.evaluate(
      (id) => (window as unknown as { comments: { update(o: object): void } }).comments.update({ articleId: id }),
      second,
    );
    await v.page.getByText('Only on the second article.').waitFor();
    release();
    await late;
    await v.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));

    expect(await v.page.locator('.sift').count()).toBe(1);
    expect(await v.page.getByText('Only on the first article.').count()).toBe(0);
    expect(await v.page.getByRole('heading', { name: '1 comment' }).isVisible()).toBe(true);

    await v.page.evaluate(
      (id) => (window as unknown as { comments: { update(o: object): void } }).comments.update({ articleId: id }),
      first,
    );
    await v.page.getByText('Only on the first article.').waitFor();
    expect(await v.page.getByText('Only on the second article.').count()).toBe(0);

    await v.page.evaluate(() => (window as unknown as { comments: { unmount(): void } }).comments.unmount());
    expect(await v.page.locator('.sift').count()).toBe(0);
    expectOnlyTwoOrigins(v);
    await v.close();
  });

  test("When the site passes a signed-in reader's token, then the form asks only for the comment, and the badge shows once published", async () => {
    const articleId = randomArticleId();
    const token = await signToken(readerClaims({ name: 'Dana Editor', badge: 'Staff' }), new TextEncoder().encode(SSO_SECRET));
    const v = await visit({ 'article-id': articleId, 'sso-token': token });

    expect(await v.page.getByLabel('Name').count()).toBe(0);
    expect(await v.page.getByLabel('Email', { exact: true }).count()).toBe(0);
    expect(await v.page.getByText('Posting as Dana Editor').isVisible()).toBe(true);
    await v.page.getByLabel('Comment', { exact: true }).fill('Written while signed in.');
    await v.page.getByLabel('Email me when someone replies').check();
    const posted = v.page.waitForResponse((r) => r.request().method() === 'POST');
    await v.page.getByRole('button', { name: 'Post comment' }).click();
    const answer = await posted;
    expect(answer.status()).toBe(202);
    const { id } = (await answer.json()) as { id: string };
    const [stored] = await stack.services.db.query<{ notify_replies: boolean }>('SELECT notify_replies FROM comments WHERE id = $1', [id]);
    expect(stored.notify_replies).toBe(true);
    await request(stack.app).post(`/v1/moderation/comments/${id}/approve`).set('Authorization', `Bearer ${ADMIN_KEY}`);

    await v.page.reload();
    const comment = v.page.locator('.sift-comment', { hasText: 'Written while signed in.' });
    await comment.locator('.sift-author-badge').waitFor();
    expect(await comment.locator('.sift-author-badge').textContent()).toBe('Staff');
    expect(await seriousViolations(v.page)).toEqual([]);
    expectOnlyTwoOrigins(v);
    await v.close();
  });

  test("When a single-page site renews the reader's short-lived token, then what they typed stays and the next post carries the new token", async () => {
    const secret = new TextEncoder().encode(SSO_SECRET);
    const claims = readerClaims({ name: 'Dana Editor' });
    const [first, renewed] = [
      await signToken(claims, secret, { alg: 'HS256', expiresIn: '1m' }),
      await signToken(claims, secret, { alg: 'HS256', expiresIn: '10m' }),
    ];
    const v = await visit({}, { waitFor: '' });
    await v.page.waitForFunction(() => 'Sift' in window);
    await v.page.evaluate(
      ([articleId, token]) => {
        const w = window as unknown as { Sift: { mount(el: Element, o: object): unknown }; comments: unknown };
        w.comments = w.Sift.mount(document.getElementById('comments')!, { articleId, ssoToken: token });
      },
      [randomArticleId(), first] as const,
    );
    await v.page.getByLabel('Comment', { exact: true }).fill('Typed before the renewal.');

    await v.page.evaluate(
      (token) => (window as unknown as { comments: { update(o: object): void } }).comments.update({ ssoToken: token }),
      renewed,
    );
    const posted = v.page.waitForRequest((r) => r.method() === 'POST');
    await v.page.getByRole('button', { name: 'Post comment' }).click();

    expect((await posted).headers().authorization).toBe(`Bearer ${renewed}`);
    expect((await (await posted).response())!.status()).toBe(202);
    await v.close();
  });
});
