import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { CHROMIUM } from './console-helpers';

jest.setTimeout(60_000);

/** A letter under `marks` combining marks, cycling through U+0300..U+036F: one "zalgo" grapheme. */
const zalgo = (letter: string, marks: number) =>
  letter + Array.from({ length: marks }, (_, i) => String.fromCodePoint(0x300 + (i % 0x70))).join('');

/**
 * A host page on another origin: a banner of its own right above the widget, and a footer right
 * after it, both in a flat colour, so any mark the widget paints outside itself shows in their pixels.
 */
function hostSite(): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const attr = (name: string) => (url.searchParams.get(name) ?? '').replace(/[^A-Za-z0-9:/._~-]/g, '');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>body{margin:0;font:16px sans-serif} #above,#below{height:300px;background:#2a6f4e}</style></head>
<body><div id="above"></div>
<script src="${attr('api')}/widget.js" data-article-id="${attr('article')}" data-article-title="Host story" data-page-size="100" async></script>
<div id="below"></div></body></html>`);
  });
}

describe('widget.js against display abuse (Chromium)', () => {
  let browser: Browser;
  // Chromium starts while the stack does.
  let launching: Promise<Browser> | undefined;
  let hostServer: http.Server;
  let host: string;

  beforeAll(async () => {
    launching = chromium.launch(CHROMIUM);
    hostServer = hostSite();
    await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close();
    await new Promise((resolve) => hostServer.close(resolve));
  });
  const stack = useTestStack(() => ({ env: { CORS_ORIGINS: host } }));
  beforeAll(async () => {
    browser = await launching!;
  }, 60_000);

  async function open(articleId: string, shown: number): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${host}/?api=${encodeURIComponent(stack.url)}&article=${articleId}`);
    await page
      .locator('.sift-comment')
      .nth(shown - 1)
      .waitFor();
    return { page, close: () => context.close() };
  }

  /** The host's own banner and footer, as pixels. */
  const hostPixels = async (page: Page) => Promise.all([page.locator('#above').screenshot(), page.locator('#below').screenshot()]);

  test("When a comment's name and body are zalgo graphemes, then nothing is painted over the host page and it does not scroll sideways", async () => {
    const plain = randomArticleId();
    await apiClient(stack.app).postApproved(plain, { authorName: 'Plain', body: 'Plain' });
    const abused = randomArticleId();
    await apiClient(stack.app).postApproved(abused, {
      authorName: zalgo('Z', 90),
      body: `${zalgo('H', 300)} ${zalgo('e', 300)}`.repeat(3),
    });

    const reference = await open(plain, 1);
    const expected = await hostPixels(reference.page);
    await reference.close();
    const { page, close } = await open(abused, 1);
    const actual = await hostPixels(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await close();

    expect(overflow).toBeLessThanOrEqual(0);
    expect(actual[0].equals(expected[0])).toBe(true);
    expect(actual[1].equals(expected[1])).toBe(true);
  });

  test('When replies nest 25 deep, then the deepest is shown at a capped indent with a readable width', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId();
    let parentId: string | null = null;
    for (let depth = 0; depth < 25; depth++) {
      parentId = await api.postApproved(articleId, { body: `Level ${depth}`, parentId });
    }

    const { page, close } = await open(articleId, 25);
    const widths = await page.evaluate(() => {
      const bodies = [...document.querySelectorAll<HTMLElement>('.sift-body')];
      const deepest = bodies.find((b) => b.textContent === 'Level 24')!;
      const top = bodies.find((b) => b.textContent === 'Level 0')!;
      return {
        deepest: deepest.getBoundingClientRect().width,
        top: top.getBoundingClientRect().width,
        nesting: (() => {
          let n = 0;
          for (let el: Element | null = deepest; el; el = el.parentElement) if (el.classList.contains('sift-replies')) n += 1;
          return n;
        })(),
      };
    });
    const order = await page.locator('.sift-body').allTextContents();
    await close();

    expect(widths.nesting).toBeLessThanOrEqual(5);
    expect(widths.deepest).toBeGreaterThan(widths.top * 0.6);
    expect(order).toEqual(Array.from({ length: 25 }, (_, i) => `Level ${i}`));
  });
});
