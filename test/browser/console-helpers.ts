import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../helpers/processes';

/** Debian's Chromium, as every browser test launches it; never a downloaded browser. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const OUTPUT = path.join(ROOT, 'test-output');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleVisit {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send to any other origin (each was aborted). */
  foreign: string[];
  dialogs: string[];
  close: () => Promise<void>;
}

/**
 * A fresh browser profile on the console. Every request to another origin is recorded and aborted,
 * so a test can assert that the console never reaches beyond its own server. (Only those are
 * routed: a route that took every request would send each of the console's own through the test.)
 * `clock`: the page's timers can be moved on (`page.clock.fastForward`) instead of waited for.
 */
export async function openConsole(
  browser: Browser,
  api: string,
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; clock?: boolean } = {},
): Promise<ConsoleVisit> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  if (options.clock) await context.clock.install();
  const foreign: string[] = [];
  const own = new URL(api).origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await context.route(new RegExp(`^(?!${own}/|blob:|data:)`), (route) => {
    foreign.push(route.request().url());
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

/**
 * Loads the console anew at `hash` in the same tab, which stays signed in (the tab keeps its session
 * token in sessionStorage), and waits for the signed-in page.
 */
export async function reloadAt(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => history.replaceState(null, '', to), hash);
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
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
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          opts: object,
        ): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
      };
    };
    const { violations } = await w.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
