// @ts-check
/** @import { ApiError } from './api.js' */
import { currentSession, forgetSession, hadSession, onSignedOut, signIn, signOut } from './api.js';
import { articlesView } from './articles.js';
import { bansView } from './bans.js';
import { showKeys } from './dialogs.js';
import { announce, byId, h, replace, typingIn } from './dom.js';
import { moderatorsView, privacyView, webhooksView } from './admin.js';
import { queueView } from './queue.js';
import { statsView } from './stats.js';
import { trustView } from './trust.js';
import { flushAll, hasWaiting, undoLast } from './undo.js';
import { wordListsView } from './word-lists.js';

/**
 * The console's shell: sign-in, the sections, the address (#/queue/held …) and the keys every
 * section shares. A section is a function (root, route, session) → { keys?, onKey?, destroy? };
 * adding one is a line in SECTIONS.
 *
 * @typedef {{ keys?: Array<[string, string]>, onKey?: (event: KeyboardEvent) => boolean | void, destroy?: () => void }} Section
 * @typedef {{ id: string, label: string, admin?: boolean, view: (root: HTMLElement, route: any, session: any) => Section }} SectionDef
 */

/** @type {SectionDef[]} */
const SECTIONS = [
  {
    id: 'queue',
    label: 'Queues',
    view: (root, route, session) => queueView(root, { queue: route.rest[0] ?? 'held', params: route.params }, session),
  },
  {
    id: 'articles',
    label: 'Articles',
    view: (root, route) => articlesView(root, route.rest[0] ? decodeURIComponent(route.rest[0]) : null),
  },
  { id: 'word-lists', label: 'Word lists', view: (root) => wordListsView(root) },
  { id: 'bans', label: 'Bans', view: (root, _route, session) => bansView(root, session) },
  { id: 'trust', label: 'Trust', view: (root) => trustView(root) },
  { id: 'stats', label: 'Stats', view: (root, route) => statsView(root, route.params) },
  { id: 'moderators', label: 'Moderators', admin: true, view: (root) => moderatorsView(root) },
  { id: 'webhooks', label: 'Webhooks', admin: true, view: (root) => webhooksView(root) },
  { id: 'privacy', label: 'Privacy requests', admin: true, view: (root) => privacyView(root) },
];

/** @type {Array<[string, string]>} */
const GLOBAL_KEYS = [
  ['?', 'show these keys'],
  ['g then q / a / w / b / s', 'go to queues, articles, word lists, bans, stats'],
];

/** @type {import('./api.js').Session | null} */
let session = null;
/** @type {Section | null} */
let section = null;
let awaitingG = false;

const main = () => byId('main');

function parseRoute() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [id = 'queue', ...rest] = (path ?? '').split('/').filter(Boolean);
  return { id, rest, params: new URLSearchParams(query) };
}

function showSignIn(/** @type {string} */ message = '') {
  section?.destroy?.();
  section = null;
  session = null;
  forgetSession();
  replace(byId('who'));
  byId('app').querySelector('nav.sections')?.remove();
  const form = h(
    'form',
    { id: 'sign-in-form', class: 'stack', method: 'post', novalidate: true },
    h('label', { for: 'sign-in-key' }, 'Key'),
    h('input', {
      id: 'sign-in-key',
      name: 'key',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
      spellcheck: 'false',
      'aria-describedby': 'sign-in-error',
    }),
    h('p', { id: 'sign-in-error', class: 'form-error', role: 'alert' }, message),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  replace(
    main(),
    h(
      'section',
      { id: 'sign-in', class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in to moderate'),
      h(
        'p',
        null,
        "Use your moderator key (editors: the admin key). It is sent once to open a session and is never kept in this page, in the browser's storage or in an address.",
      ),
      form,
    ),
  );
  wireSignIn(form);
  document.title = 'Sign in · Sift moderation';
}

function wireSignIn(/** @type {HTMLFormElement} */ form) {
  const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('key'));
  const error = byId('sign-in-error');
  const submit = async (/** @type {string} */ key) => {
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
    button.disabled = true;
    try {
      start(await signIn(key));
    } catch (failure) {
      const e = /** @type {ApiError} */ (failure);
      error.textContent =
        e.status === 401
          ? 'That key was not accepted.'
          : e.status === 429
            ? `Too many wrong keys. Try again in ${e.retryAfter ?? 60} seconds.`
            : e.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      button.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    // The key leaves the field at once; it lives only in this request.
    input.value = '';
    if (!key) {
      error.textContent = 'Enter your key.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    // submit() shows its own failure under the field: nothing to catch here.
    void submit(key);
  });
}

/** @param {import('./api.js').Session} signedIn */
function start(signedIn) {
  session = signedIn;
  replace(
    byId('who'),
    h('span', null, 'Signed in as ', h('strong', null, signedIn.name), signedIn.role === 'admin' ? ' (admin)' : ''),
    h('button', { type: 'button', class: 'link-button', onclick: () => void leave() }, 'Sign out'),
  );
  const nav = h(
    'nav',
    { class: 'sections', 'aria-label': 'Sections' },
    h(
      'ul',
      null,
      SECTIONS.filter((s) => !s.admin || signedIn.role === 'admin').map((s) =>
        h('li', null, h('a', { href: `#/${s.id}`, dataset: { section: s.id } }, s.label)),
      ),
    ),
  );
  byId('app').querySelector('nav.sections')?.remove();
  byId('app').prepend(nav);
  if (!location.hash || location.hash === '#' || location.hash === '#main') history.replaceState(null, '', '#/queue/held');
  route();
}

function route() {
  if (!session) return;
  const current = parseRoute();
  const def = SECTIONS.find((s) => s.id === current.id && (!s.admin || session?.role === 'admin')) ?? SECTIONS[0];
  section?.destroy?.();
  for (const link of document.querySelectorAll('nav.sections a')) {
    const here = /** @type {HTMLElement} */ (link).dataset.section === def.id;
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const root = main();
  replace(root);
  section = def.view(root, current, session);
  document.title = `${def.label} · Sift moderation`;
  if (!root.contains(document.activeElement)) root.focus({ preventScroll: true });
}

async function leave() {
  try {
    await flushAll();
    await signOut();
  } catch {
    // Signed out either way: the cookie is cleared or its session is already gone.
  }
  history.replaceState(null, '', '#');
  showSignIn();
  announce('Signed out.');
  byId('sign-in-title').textContent = 'Signed out';
}

document.addEventListener('keydown', (event) => {
  if (!session || event.ctrlKey || event.metaKey || event.altKey || typingIn(event)) return;
  if (awaitingG) {
    awaitingG = false;
    const target = { q: 'queue', a: 'articles', w: 'word-lists', b: 'bans', s: 'stats' }[event.key];
    if (target) {
      event.preventDefault();
      location.hash = `#/${target}`;
      return;
    }
  }
  if (event.key === '?') {
    event.preventDefault();
    void showKeys([...(section?.keys ?? []), ...GLOBAL_KEYS]);
    return;
  }
  if (event.key === 'u' && !event.shiftKey) {
    if (undoLast()) event.preventDefault();
    return;
  }
  if (event.key === 'g') {
    awaitingG = true;
    return;
  }
  // Buttons and links keep Enter and Space; the section gets the rest.
  if (event.key === 'Enter' && /** @type {HTMLElement} */ (event.target).closest('a, button:not(.item-main)')) return;
  if (section?.onKey?.(event)) event.preventDefault();
});

window.addEventListener('hashchange', route);
// Actions still in their undo moment are sent as the page goes away (keepalive outlives the page).
window.addEventListener('pagehide', () => {
  if (hasWaiting()) void flushAll(true);
});
onSignedOut(() => showSignIn('Your session has ended. Sign in again.'));

async function boot() {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('sign-in-form'));
  if (form) wireSignIn(form);
  try {
    // A reload in a tab that signed in goes on; a new tab (no token of its own) asks for the key.
    const hadOne = hadSession();
    const existing = await currentSession();
    if (existing) start(existing);
    else if (hadOne) byId('sign-in-error').textContent = 'Your session has ended. Sign in again.';
  } catch (error) {
    byId('sign-in-error').textContent = /** @type {Error} */ (error).message;
  }
}

void boot();
