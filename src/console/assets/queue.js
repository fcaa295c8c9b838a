// @ts-check
import { api, paths } from './api.js';
import { commentDetail, loadComment, statusBadge } from './comment.js';
import { askBan, askReason } from './dialogs.js';
import { announce, excerpt, h, plural, replace, timeAgo } from './dom.js';
import { UNDO_SECONDS, schedule, showError } from './undo.js';
import { textOf } from './forms.js';
import { DONE, reasonLabel, reportReasons } from './words.js';

/**
 * The queues, one comment at a time. A queue is a query of GET /v1/moderation/comments; adding one
 * (reported comments, say) is one line here. `live` queues refresh by themselves.
 *
 * @typedef {{ id: string, label: string, query: Record<string, string>, live?: boolean, empty: string }} Queue
 * @type {Queue[]}
 */
export const QUEUES = [
  {
    id: 'held',
    label: 'Held',
    query: { status: 'held', order: 'oldest' },
    live: true,
    empty: 'Nothing is waiting for a moderator. New held comments appear here by themselves.',
  },
  {
    id: 'reported',
    label: 'Reported',
    query: { status: 'reported', order: 'newest' },
    live: true,
    empty: 'No comment is waiting on readers’ reports. Comments readers report appear here by themselves.',
  },
  {
    id: 'pending',
    label: 'Pending',
    query: { status: 'pending', order: 'oldest' },
    live: true,
    empty: 'No comment is waiting for the checks.',
  },
  { id: 'decided', label: 'Decided (24 h)', query: { order: 'decided', decidedWithin: '24h' }, empty: 'No decision in the last 24 hours.' },
  { id: 'spam', label: 'Spam', query: { status: 'spam', order: 'newest' }, empty: 'No spam on record.' },
];

const PAGE_SIZE = 25;
const POLL_SECONDS = 10;

/** Keys of this view, for the help dialog. @type {Array<[string, string]>} */
export const QUEUE_KEYS = [
  ['j / ↓', 'next comment'],
  ['k / ↑', 'previous comment'],
  ['a', 'approve'],
  ['r', 'reject, with a reason (then 1–6)'],
  ['s', 'mark as spam'],
  ['b', 'ban the author'],
  ['f', "feature or unfeature (editors' pick)"],
  ['x', 'select or unselect for a bulk action'],
  ...(UNDO_SECONDS
    ? /** @type {Array<[string, string]>} */ ([['u', `undo the last action (for ${UNDO_SECONDS} second${UNDO_SECONDS === 1 ? '' : 's'})`]])
    : []),
  ['Enter', 'read the comment in full'],
  ['/', 'search'],
];

/**
 * @param {HTMLElement} root
 * @param {{ queue: string, params: URLSearchParams }} route
 * @param {{ role: string }} session
 */
export function queueView(root, route, session) {
  const search = route.queue === 'search';
  /** @type {Queue} */
  const queue = search
    ? {
        id: 'search',
        label: 'Search',
        query: { q: route.params.get('q') ?? '', articleId: route.params.get('article') ?? '', order: 'newest' },
        empty: 'No comment matches.',
      }
    : (QUEUES.find((q) => q.id === route.queue) ?? QUEUES[0]);

  /** @type {any[]} */
  let items = [];
  /** Ids with an action waiting (see undo.js): out of the list until it is undone or done. */
  const hidden = new Set();
  const selected = new Set();
  let current = 0;
  /** @type {string | null} */
  let nextCursor = null;
  let lastClicked = -1;
  let detailRequest = 0;
  /** @type {number | undefined} */
  let detailTimer;

  const counts = Object.fromEntries(QUEUES.map((q) => [q.id, h('span', { class: 'count' })]));
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Queues' },
    QUEUES.map((q) => h('a', { href: `#/queue/${q.id}`, 'aria-current': q.id === queue.id ? 'page' : null }, q.label, ' ', counts[q.id])),
  );
  const searchForm = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': 'Search comments' },
    h(
      'span',
      { class: 'search-field' },
      h('label', { for: 'search-q' }, 'Text'),
      h('input', { id: 'search-q', name: 'q', type: 'search', value: search ? queue.query.q : '', maxlength: 200 }),
    ),
    h(
      'span',
      { class: 'search-field' },
      h('label', { for: 'search-article' }, 'Article'),
      h('input', {
        id: 'search-article',
        name: 'article',
        type: 'search',
        value: search ? queue.query.articleId : '',
        maxlength: 200,
        spellcheck: 'false',
      }),
    ),
    h('button', { type: 'submit' }, 'Search'),
  );
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(searchForm);
    const params = new URLSearchParams();
    for (const name of ['q', 'article']) {
      const value = textOf(form, name).trim();
      if (value) params.set(name, value);
    }
    location.hash = `#/queue/search?${params}`;
  });

  const selectAll = h('input', { type: 'checkbox', id: 'select-all', onchange: () => toggleAll(selectAll.checked) });
  const selectedCount = h('span', { class: 'selected-count', 'aria-live': 'polite' });
  const bulkButtons = [
    h('button', { type: 'button', onclick: () => void bulk('approve') }, 'Approve selected'),
    h('button', { type: 'button', onclick: () => void bulk('reject') }, 'Reject selected…'),
    h('button', { type: 'button', onclick: () => void bulk('spam') }, 'Spam selected'),
  ];
  const bulkBar = h(
    'div',
    { class: 'bulk', role: 'group', 'aria-label': 'Bulk actions' },
    h('label', { class: 'choice', for: 'select-all' }, selectAll, ' Select all on this page'),
    selectedCount,
    bulkButtons,
  );
  const list = h('ol', { class: 'queue-list', 'aria-label': `${queue.label} comments` });
  list.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  });
  const status = h('p', { class: 'list-status' });
  const more = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => void load(true) }, 'Load more');
  const detail = h('section', { class: 'detail-pane', 'aria-label': 'The comment' });

  const heading = search
    ? `Search${queue.query.q ? ` for “${queue.query.q}”` : ''}${queue.query.articleId ? ` on ${queue.query.articleId}` : ''}`
    : `${queue.label} comments`;
  replace(
    root,
    h('h1', { class: 'view-title' }, heading),
    tabs,
    searchForm,
    h('div', { class: 'queue-layout' }, h('section', { class: 'list-pane', 'aria-label': 'List' }, bulkBar, status, list, more), detail),
  );

  const visible = () => items.filter((item) => !hidden.has(item.id));

  function renderList() {
    const shown = visible();
    current = Math.max(0, Math.min(current, shown.length - 1));
    replace(
      list,
      shown.map((item, i) => listItem(item, i, i === current)),
    );
    status.textContent = shown.length ? '' : queue.empty;
    more.hidden = !nextCursor;
    renderSelection();
  }

  /** @param {any} item @param {number} i @param {boolean} isCurrent */
  function listItem(item, i, isCurrent) {
    const box = h('input', {
      type: 'checkbox',
      class: 'select',
      checked: selected.has(item.id),
      'aria-label': `Select the comment by ${item.authorName}`,
      onclick: (/** @type {MouseEvent} */ event) =>
        selectWithShift(i, /** @type {HTMLInputElement} */ (event.target).checked, event.shiftKey),
    });
    const spam = item.checks?.spam;
    return h(
      'li',
      { class: ['item', isCurrent && 'current'], 'aria-current': isCurrent ? 'true' : null, dataset: { id: item.id } },
      box,
      h(
        'button',
        { type: 'button', class: 'item-main', tabindex: isCurrent ? '0' : '-1', onclick: () => setCurrent(i, true) },
        h(
          'span',
          { class: 'item-head' },
          h('strong', { class: 'author' }, item.authorName),
          ' ',
          h('span', { class: 'article-id' }, item.articleId),
          ' ',
          timeAgo(item.createdAt),
        ),
        h('span', { class: 'item-body' }, excerpt(item.body)),
        h(
          'span',
          { class: 'item-flags' },
          queue.query.status ? null : statusBadge(item.status),
          spam && spam.score >= 0.3 ? h('span', { class: 'flag' }, `spam ${spam.score.toFixed(2)}`) : null,
          item.checks?.profanity?.isProfane ? h('span', { class: 'flag' }, 'profanity') : null,
          item.reports?.open
            ? h('span', { class: 'flag' }, `${plural(item.reports.open, 'report')}: ${reportReasons(item.reports.reasons)}`)
            : null,
          item.featured ? h('span', { class: 'flag' }, 'editors’ pick') : null,
        ),
      ),
    );
  }

  function renderSelection() {
    const shown = visible();
    const chosen = shown.filter((item) => selected.has(item.id)).length;
    selectAll.checked = chosen > 0 && chosen === shown.length;
    selectAll.indeterminate = chosen > 0 && chosen < shown.length;
    selectedCount.textContent = chosen ? `${chosen} selected` : '';
    for (const button of bulkButtons) button.disabled = chosen === 0;
  }

  /** Shift-click selects (or unselects) everything from the last box clicked to this one. */
  function selectWithShift(/** @type {number} */ i, /** @type {boolean} */ on, /** @type {boolean} */ shift) {
    const shown = visible();
    const [from, to] = shift && lastClicked >= 0 ? [Math.min(lastClicked, i), Math.max(lastClicked, i)] : [i, i];
    for (let at = from; at <= to; at++) {
      if (on) selected.add(shown[at].id);
      else selected.delete(shown[at].id);
    }
    lastClicked = i;
    for (const box of list.querySelectorAll('input.select')) {
      const id = /** @type {HTMLElement} */ (box.closest('li')).dataset.id;
      /** @type {HTMLInputElement} */ (box).checked = selected.has(id);
    }
    renderSelection();
  }

  function toggleAll(/** @type {boolean} */ on) {
    for (const item of visible()) {
      if (on) selected.add(item.id);
      else selected.delete(item.id);
    }
    renderList();
  }

  function toggleCurrent() {
    const item = visible()[current];
    if (!item) return;
    selectWithShift(current, !selected.has(item.id), false);
    announce(selected.has(item.id) ? 'Selected' : 'Unselected');
  }

  /** @param {number} i @param {boolean} focus */
  function setCurrent(i, focus) {
    const shown = visible();
    if (!shown.length) return void replace(detail);
    current = Math.max(0, Math.min(i, shown.length - 1));
    list.querySelectorAll('li.item').forEach((li, at) => {
      li.classList.toggle('current', at === current);
      if (at === current) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
      /** @type {HTMLElement} */ (li.querySelector('.item-main')).tabIndex = at === current ? 0 : -1;
    });
    const button = /** @type {HTMLElement | null} */ (list.querySelectorAll('.item-main')[current]);
    if (focus) button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
    showDetail(shown[current]);
  }

  /** @param {number} step */
  function move(step) {
    setCurrent(current + step, true);
  }

  /**
   * The full comment, fetched a moment after the moderator stops on it. Back on the comment the pane
   * already shows (j then k before the next one loaded), the pane is kept as it is: drawing it anew
   * would drop what the moderator opened in it, such as the email address they asked for.
   * @param {any} item
   */
  function showDetail(item) {
    const request = ++detailRequest;
    clearTimeout(detailTimer);
    if (/** @type {HTMLElement | null} */ (detail.querySelector('.detail'))?.dataset.commentId === item.id) {
      detail.removeAttribute('aria-busy');
      return;
    }
    detail.setAttribute('aria-busy', 'true');
    detailTimer = window.setTimeout(async () => {
      try {
        const data = await loadComment(item.id);
        if (request !== detailRequest) return;
        replace(detail, commentDetail(data, { actions: actionsFor(item) }));
      } catch (error) {
        if (request === detailRequest)
          replace(detail, h('p', { class: 'form-error', role: 'alert' }, /** @type {Error} */ (error).message));
      } finally {
        if (request === detailRequest) detail.removeAttribute('aria-busy');
      }
    }, 80);
  }

  /** @param {any} item */
  function actionsFor(item) {
    return [
      // On a published comment that readers reported, approving keeps it up and dismisses the reports.
      {
        key: 'a',
        label: item.status === 'approved' && item.reports?.open ? 'Keep published' : 'Approve',
        className: 'approve',
        run: () => decide(item, 'approve'),
      },
      { key: 'r', label: 'Reject…', className: 'reject', run: () => void rejectWithReason(item) },
      { key: 's', label: 'Spam', className: 'spam', run: () => decide(item, 'spam') },
      { key: 'b', label: 'Ban author…', className: 'ban', run: () => void ban(item) },
      ...(item.status === 'approved'
        ? [{ key: 'f', label: item.featured ? 'Unfeature' : 'Feature', className: 'feature', run: () => void feature(item) }]
        : []),
    ];
  }

  /** Editors' pick on or off, at once (no undo moment: it is undone by pressing again). @param {any} item */
  async function feature(item) {
    try {
      const updated = await api(`${paths.comment(item.id)}/${item.featured ? 'unfeature' : 'feature'}`, { method: 'POST' });
      Object.assign(item, { featured: updated.featured });
      announce(updated.featured ? `Featured the comment by ${item.authorName}` : `No longer featuring the comment by ${item.authorName}`);
      renderList();
      setCurrent(current, false);
    } catch (error) {
      showError(/** @type {Error} */ (error).message);
    }
  }

  /** Takes the comments out of the list while their action waits; puts them back if it is undone. */
  function holdBack(/** @type {string[]} */ ids) {
    const focusWasInList =
      list.contains(document.activeElement) || document.activeElement === document.body || detail.contains(document.activeElement);
    for (const id of ids) {
      hidden.add(id);
      selected.delete(id);
    }
    renderList();
    setCurrent(current, focusWasInList);
    return () => {
      for (const id of ids) hidden.delete(id);
      renderList();
      setCurrent(current, false);
    };
  }

  /** Done: the comments leave the list for good. */
  function settle(/** @type {string[]} */ ids) {
    items = items.filter((item) => !ids.includes(item.id));
    for (const id of ids) hidden.delete(id);
    renderList();
    void refreshCounts(false);
  }

  /** @param {any} item @param {'approve' | 'reject' | 'spam'} action @param {object} [body] */
  function decide(item, action, body) {
    const revert = holdBack([item.id]);
    schedule({
      label: `${DONE[action]} the comment by ${item.authorName}`,
      run: (keepalive) => api(`${paths.comment(item.id)}/${action}`, { method: 'POST', body, keepalive }),
      revert,
      done: () => settle([item.id]),
    });
  }

  /** @param {any} item */
  async function rejectWithReason(item) {
    const answer = await askReason(`Reject the comment by ${item.authorName}`);
    if (answer) decide(item, 'reject', answer);
  }

  /** @param {any} item */
  async function ban(item) {
    const answer = await askBan(item.authorName, session.role === 'admin');
    if (!answer) return;
    const revert = holdBack([item.id]);
    const { durationDays, ...rest } = answer;
    schedule({
      label: `Banned ${item.authorName}${durationDays ? ` for ${plural(durationDays, 'day')}` : ' for good'} (${reasonLabel(answer.reasonCode)})`,
      run: (keepalive) =>
        api(paths.bans, { method: 'POST', keepalive, body: { commentId: item.id, ...rest, ...(durationDays ? { durationDays } : {}) } }),
      revert,
      done: (result) => {
        settle([item.id, ...(result?.rejectedComments ?? [])]);
        if (!answer.rejectPending) void refreshCounts(false);
      },
    });
  }

  /** @param {'approve' | 'reject' | 'spam'} action */
  async function bulk(action) {
    const ids = visible()
      .filter((item) => selected.has(item.id))
      .map((item) => item.id);
    if (!ids.length) return;
    const extra = action === 'reject' ? await askReason(`Reject ${plural(ids.length, 'comment')}`, `Reject ${ids.length}`) : {};
    if (!extra) return;
    const revert = holdBack(ids);
    schedule({
      label: `${DONE[action]} ${plural(ids.length, 'comment')}`,
      run: (keepalive) => api(paths.bulk, { method: 'POST', keepalive, body: { action, ids, ...extra } }),
      revert,
      done: (result) => {
        settle(result.results.filter((/** @type {any} */ r) => r.ok).map((/** @type {any} */ r) => r.id));
        if (result.failed)
          showError(
            `${plural(result.failed, 'comment')} could not be decided: ${result.results.find((/** @type {any} */ r) => !r.ok).error.message}`,
          );
      },
    });
  }

  async function load(append = false) {
    try {
      const page = await api(paths.comments, { query: { ...queue.query, limit: PAGE_SIZE, cursor: append ? nextCursor : null } });
      const known = new Set(items.map((item) => item.id));
      items = append ? [...items, ...page.comments.filter((/** @type {any} */ c) => !known.has(c.id))] : page.comments;
      nextCursor = page.nextCursor;
      const before = current;
      renderList();
      if (!append || before === 0) setCurrent(current, false);
      status.textContent = visible().length ? `${plural(page.total, 'comment')}` : queue.empty;
    } catch (error) {
      status.textContent = '';
      replace(list, h('li', { class: 'form-error', role: 'alert' }, /** @type {Error} */ (error).message));
    }
  }

  /** New comments at the end of a live queue appear without a reload. */
  async function refresh() {
    if (!queue.live || nextCursor || document.hidden) return;
    const page = await api(paths.comments, { query: { ...queue.query, limit: 100 }, poll: true });
    const known = new Set(items.map((item) => item.id));
    const fresh = page.comments.filter((/** @type {any} */ c) => !known.has(c.id));
    if (!fresh.length) return;
    const wasEmpty = visible().length === 0;
    items = [...items, ...fresh];
    nextCursor = page.nextCursor;
    renderList();
    if (wasEmpty) setCurrent(0, false);
    announce(`${plural(fresh.length, `new ${queue.label.toLowerCase()} comment`)}`);
  }

  /** @param {boolean} poll */
  async function refreshCounts(poll) {
    await Promise.all(
      QUEUES.map(async (q) => {
        const page = await api(paths.comments, { query: { ...q.query, limit: 1 }, poll });
        counts[q.id].textContent = page.total.toLocaleString('en');
        counts[q.id].setAttribute('aria-label', `, ${plural(page.total, 'comment')}`);
      }),
    ).catch(() => undefined);
  }

  void load().then(() => {
    const button = /** @type {HTMLElement | null} */ (list.querySelector('.item-main'));
    if (button && (document.activeElement === document.body || document.activeElement?.id === 'main')) button.focus();
  });
  void refreshCounts(false);
  const poller = window.setInterval(() => {
    if (document.hidden) return;
    void refreshCounts(true);
    void refresh().catch(() => undefined);
  }, POLL_SECONDS * 1000);

  return {
    keys: QUEUE_KEYS,
    /** @param {KeyboardEvent} event */
    onKey(event) {
      const item = visible()[current];
      switch (event.key) {
        case 'j':
          return (move(1), true);
        case 'k':
          return (move(-1), true);
        case 'x':
          return (toggleCurrent(), true);
        case '/':
          /** @type {HTMLElement} */ (searchForm.querySelector('input')).focus();
          return true;
        case 'Enter':
          if (!item || !list.contains(/** @type {Node} */ (event.target))) return false;
          /** @type {HTMLElement | null} */ (detail.querySelector('#detail-title'))?.focus();
          return true;
      }
      if (!item) return false;
      switch (event.key) {
        case 'a':
          return (decide(item, 'approve'), true);
        case 's':
          return (decide(item, 'spam'), true);
        case 'r':
          return (void rejectWithReason(item), true);
        case 'b':
          return (void ban(item), true);
        case 'f':
          return item.status === 'approved' ? (void feature(item), true) : false;
      }
      return false;
    },
    destroy() {
      clearInterval(poller);
      clearTimeout(detailTimer);
    },
  };
}
