import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../helpers/processes';

/** Debian's Chromium, as the widget's tests launch it; never a downloaded browser. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export const OUTPUT = path.join(ROOT, 'test-output');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleVisit {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send to any other origin (each was aborted). */
  foreign: string[];
  dialogs: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile on the console. Every request to another origin is recorded and aborted,
 * so a test can assert that the console never reaches beyond its own server.
 */
export async function openConsole(
  browser: Browser,
  api: string,
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<ConsoleVisit> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
  const foreign: string[] = [];
  const own = new URL(api).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === own || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${api}/moderate`);
  return { context, page, foreign, dialogs, close: () => context.close() };
}

/** Signs in through the form, as a moderator would, and waits for the first view. */
export async function signInWith(page: Page, key: string): Promise<void> {
  await page.getByLabel('Key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * axe-core from node_modules, evaluated in the page (DevTools evaluation is not an inline script,
 * so the page's CSP stays as served). Returns the serious and critical violations only.
 */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } };
    const { violations } = await w.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
