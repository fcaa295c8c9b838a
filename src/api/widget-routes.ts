import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { articleIdSchema } from '../comments/comment-schemas';
import { projectRoot } from '../db/paths';
import { precompressSync, type Precompressed } from '../precompressed';
import { demoPage } from '../widget/demo-page';
import { z } from 'zod';
import { error, text, type ApiOperation } from './openapi/operation';
import { sendPrecompressed } from './send-precompressed';
import { parseInput } from './validate';

/** Where the widget's static files live, in the repository and in the Docker image alike. */
export const WIDGET_DIR = path.join(projectRoot(), 'src', 'widget');

interface Asset extends Precompressed {
  type: string;
}

function loadAsset(file: string, type: string): Asset {
  return { type, ...precompressSync(readFileSync(path.join(WIDGET_DIR, file))) };
}

/** The demo page may run its own scripts and styles and talk to Sift, nothing else. */
const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const widgetOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/widget.js',
    operationId: 'getWidgetScript',
    tag: 'widget',
    access: 'public',
    summary: 'The comment widget; embed with one <script> tag carrying data-article-id and data-article-title',
    description:
      'Plain JavaScript, no framework. Loadable from any origin (Cross-Origin-Resource-Policy: cross-origin); ' +
      'its API calls need the host page origin in CORS_ORIGINS. Optional data-page-size (1-100), data-target (a CSS selector), ' +
      'data-lang (en, de, or any tag with data-strings), data-strings (a JSON table of translations), data-dir (ltr|rtl; ' +
      'rtl by default for Arabic, Hebrew, Persian, Urdu…), data-theme (auto|light|dark) and data-sso-token (a signed-in ' +
      "reader's JWT), data-sort (oldest|newest|top: the order shown first). Without data-article-id it only defines window.Sift: Sift.mount(element, { articleId, … }) returns " +
      '{ update(changes), unmount() } for single-page sites (README: Embedding the widget).',
    responses: { '200': text('The widget script (gzip when accepted)', 'application/javascript'), '304': notModified() },
  },
  {
    method: 'get',
    path: '/widget.css',
    operationId: 'getWidgetStylesheet',
    tag: 'widget',
    access: 'public',
    summary: "The widget's stylesheet, loaded by the widget; restyle with the --sift-* custom properties",
    responses: { '200': text('The widget stylesheet', 'text/css'), '304': notModified() },
  },
  {
    method: 'get',
    path: '/counts.js',
    operationId: 'getCountsScript',
    tag: 'widget',
    access: 'public',
    summary: 'Comment counts for a section page: fills every element with data-sift-count="<articleId>" with "12 comments"',
    description:
      'One request per 100 articles to GET /v1/comment-counts (the page origin must be in CORS_ORIGINS). The words come ' +
      'from data-sift-zero, data-sift-one and data-sift-many ("{n} comments") on the script tag or the element; ' +
      'SiftCounts.refresh() after a single-page site adds elements.',
    responses: { '200': text('The script (gzip when accepted)', 'application/javascript'), '304': notModified() },
  },
  {
    method: 'get',
    path: '/demo.css',
    operationId: 'getDemoStylesheet',
    tag: 'widget',
    access: 'public',
    summary: "The demo page's stylesheet",
    responses: { '200': text('The demo stylesheet', 'text/css'), '304': notModified() },
  },
  {
    method: 'get',
    path: '/demo/:articleId',
    operationId: 'getDemoPage',
    tag: 'widget',
    access: 'public',
    summary: 'A demo news article with the widget embedded at its end, for trying Sift locally (DEMO_PAGE)',
    requestParams: { path: z.object({ articleId: articleIdSchema }) },
    responses: {
      '200': text('The demo page', 'text/html'),
      '400': error('Invalid articleId'),
      '404': error('DEMO_PAGE is off (the default in production)'),
    },
  },
];

function notModified() {
  return { description: 'Unchanged since the ETag given in If-None-Match' };
}

/**
 * The embeddable widget (`/widget.js`, `/widget.css`) and the section pages' comment counts
 * (`/counts.js`), loadable from any site, and a demo article page (`/demo/{articleId}`) that embeds
 * the widget. The API's own strict headers stay as helmet sets them.
 */
export function widgetRoutes(options: { demoPage: boolean }): Router {
  const router = Router();
  const widgetJs = loadAsset('widget.js', 'application/javascript; charset=utf-8');
  const widgetCss = loadAsset('widget.css', 'text/css; charset=utf-8');
  const countsJs = loadAsset('counts.js', 'application/javascript; charset=utf-8');
  const demoCss = loadAsset('demo.css', 'text/css; charset=utf-8');

  router.get('/widget.js', (req, res) => sendAsset(req, res, widgetJs, true));
  router.get('/widget.css', (req, res) => sendAsset(req, res, widgetCss, true));
  router.get('/counts.js', (req, res) => sendAsset(req, res, countsJs, true));
  router.get('/demo.css', (req, res) => sendAsset(req, res, demoCss, false));

  // DEMO_PAGE: a page anyone can post through, so off by default in production.
  if (options.demoPage) {
    router.get('/demo/:articleId', (req, res) => {
      const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
      res.set('Content-Security-Policy', DEMO_CSP).set('Cache-Control', 'no-cache').type('html').send(demoPage(articleId));
    });
  }

  return router;
}

/** Static text, gzipped when the client accepts it, with its ETag (express answers 304 when it matches). */
function sendAsset(req: Request, res: Response, asset: Asset, embeddable: boolean): void {
  // helmet's default is same-origin, which would stop news sites from loading the widget.
  if (embeddable) res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  res.set('Cache-Control', 'public, max-age=300').type(asset.type);
  sendPrecompressed(req, res, asset);
}
