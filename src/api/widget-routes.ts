import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { articleIdSchema } from '../comments/comment-schemas';
import { projectRoot } from '../db/paths';
import { precompressSync, type Precompressed } from '../precompressed';
import { demoPage } from '../widget/demo-page';
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

/**
 * The embeddable widget (`/widget.js`, `/widget.css`), loadable from any site, and a demo article
 * page (`/demo/{articleId}`) that embeds it. The API's own strict headers stay as helmet sets them.
 */
export function widgetRoutes(options: { demoPage: boolean }): Router {
  const router = Router();
  const widgetJs = loadAsset('widget.js', 'application/javascript; charset=utf-8');
  const widgetCss = loadAsset('widget.css', 'text/css; charset=utf-8');
  const demoCss = loadAsset('demo.css', 'text/css; charset=utf-8');

  router.get('/widget.js', (req, res) => sendAsset(req, res, widgetJs, true));
  router.get('/widget.css', (req, res) => sendAsset(req, res, widgetCss, true));
  router.get('/demo.css', (req, res) => sendAsset(req, res, demoCss, false));

  // DEMO_PAGE: a page anyone can post through, so off by default in production.
  if (options.demoPage) {
    router.get('/demo/:articleId', (req, res) => {
      const articleId = parseInput(articleIdSchema, req.params.articleId, 'articleId');
      res
        .set('Content-Security-Policy', DEMO_CSP)
        .set('Cache-Control', 'no-cache')
        .type('html')
        .send(demoPage(articleId));
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
