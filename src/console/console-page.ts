import type { ConsoleAssets } from './console-assets';

/** Settings the page's script reads from data attributes of <html> (there is no inline script). */
export interface ConsolePageSettings {
  /** CONSOLE_UNDO_SECONDS: how long a decision waits to be undone before it is sent. */
  undoSeconds: number;
}

/**
 * The console's one HTML page: the sign-in form is in the markup (the page works from its first
 * paint), everything after it is built by app.js. No inline script or style, so the
 * Content-Security-Policy can be 'self' only; settings travel as data attributes.
 */
export function consolePage(assets: ConsoleAssets, settings: ConsolePageSettings): string {
  return `<!doctype html>
<html lang="en" data-undo-seconds="${Math.trunc(settings.undoSeconds)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sift moderation</title>
<link rel="stylesheet" href="${assets.url('console.css')}">
<script type="module" src="${assets.url('app.js')}"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<span class="brand">Sift <span class="brand-sub">moderation</span></span>
<div id="who" class="who"></div>
</header>
<div id="app" class="app">
<main id="main" tabindex="-1">
<section id="sign-in" class="sign-in" aria-labelledby="sign-in-title">
<h1 id="sign-in-title">Sign in to moderate</h1>
<p>Use your moderator key (editors: the admin key). It is sent once to open a session and is never
kept in this page, in the browser's storage or in an address.</p>
<form id="sign-in-form" class="stack" method="post" novalidate>
<label for="sign-in-key">Key</label>
<input id="sign-in-key" name="key" type="password" autocomplete="current-password" required spellcheck="false" aria-describedby="sign-in-error">
<p id="sign-in-error" class="form-error" role="alert"></p>
<button type="submit" class="primary">Sign in</button>
</form>
</section>
</main>
</div>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<div id="toasts" class="toasts"></div>
</body>
</html>
`;
}
