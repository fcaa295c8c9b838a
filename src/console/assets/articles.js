// @ts-check
import { api, paths } from './api.js';
import { h, plural, replace, timeAgo, when } from './dom.js';
import { field, onSubmit, statusLine, textOf } from './forms.js';

/**
 * Articles: the ones to watch (comments waiting, recent activity, closed, pre-moderated or
 * surging), and one article's controls: close or reopen commenting, pre-moderation on or off.
 */

/** @param {HTMLElement} root @param {string | null} articleId */
export function articlesView(root, articleId) {
  return articleId ? articleDetail(root, articleId) : articleList(root);
}

/** @param {any} a */
function stateWords(a) {
  return [
    a.closed ? h('span', { class: 'badge status-rejected' }, 'Closed') : h('span', { class: 'badge status-approved' }, 'Open'),
    a.premoderation
      ? h(
          'span',
          { class: 'badge status-held' },
          a.premoderationUntil ? `Pre-moderated until ${when(a.premoderationUntil)}` : 'Pre-moderated',
        )
      : null,
    a.surgeUntil ? h('span', { class: 'badge status-spam' }, `Surge until ${when(a.surgeUntil)}`) : null,
  ];
}

/** @param {HTMLElement} root */
function articleList(root) {
  const status = statusLine();
  const open = h(
    'form',
    { class: 'inline-form' },
    field('open-article', 'Article id', {
      name: 'articleId',
      required: true,
      maxlength: 200,
      spellcheck: 'false',
      pattern: '[A-Za-z0-9._~:\\-]{1,200}',
    }),
    h('button', { type: 'submit' }, 'Open'),
  );
  onSubmit(
    open,
    (data) => {
      location.hash = `#/articles/${encodeURIComponent(textOf(data, 'articleId').trim())}`;
    },
    status,
  );
  const body = h('tbody');
  replace(
    root,
    h('h1', { class: 'view-title' }, 'Articles'),
    h('p', null, 'Articles with comments waiting, commented on in the last 48 hours, closed, pre-moderated or in a surge.'),
    open,
    status.el,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h('caption', { class: 'visually-hidden' }, 'Articles to watch'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Article'),
            h('th', { scope: 'col' }, 'Waiting'),
            h('th', { scope: 'col' }, 'Latest comment'),
            h('th', { scope: 'col' }, 'State'),
          ),
        ),
        body,
      ),
    ),
  );
  api(paths.articles)
    .then(({ articles }) => {
      replace(
        body,
        articles.length
          ? articles.map((/** @type {any} */ a) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, h('a', { href: `#/articles/${encodeURIComponent(a.articleId)}` }, a.articleId)),
                h('td', null, `${a.held} held, ${a.pending} pending`),
                h('td', null, a.lastCommentAt ? timeAgo(a.lastCommentAt) : '—'),
                h('td', null, h('span', { class: 'badges' }, stateWords(a))),
              ),
            )
          : h('tr', null, h('td', { colspan: 4 }, 'No article needs attention.')),
      );
    })
    .catch((error) => status.fail(error));
  return {};
}

/** @param {HTMLElement} root @param {string} articleId */
function articleDetail(root, articleId) {
  const status = statusLine();
  const state = h('div', { class: 'article-state' });
  const controls = h('div', { class: 'actions' });
  replace(
    root,
    h('p', null, h('a', { href: '#/articles' }, '← All articles')),
    h('h1', { class: 'view-title' }, 'Article ', h('span', { class: 'article-id' }, articleId)),
    state,
    controls,
    status.el,
    h('p', null, h('a', { href: `#/queue/search?article=${encodeURIComponent(articleId)}` }, 'All comments on this article')),
  );

  /** @param {string} method @param {string} action @param {object} [body] @param {string} [done] */
  async function act(method, action, body, done) {
    try {
      render(await api(`${paths.article(articleId)}${action}`, { method, body }));
      if (done) status.ok(done);
    } catch (error) {
      status.fail(error);
    }
  }

  /** @param {any} a */
  function render(a) {
    replace(
      state,
      h('p', { class: 'badges' }, stateWords({ ...a, surgeUntil: null })),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'First comment'),
        h('dd', null, a.firstCommentAt ? when(a.firstCommentAt) : 'none yet'),
        a.autoClosesAt ? [h('dt', null, 'Closes by itself'), h('dd', null, when(a.autoClosesAt))] : null,
      ),
    );
    const until = h(
      'select',
      { id: 'premod-until', 'aria-label': 'Pre-moderate for' },
      h('option', { value: '1' }, '1 hour'),
      h('option', { value: '3', selected: true }, '3 hours'),
      h('option', { value: '24' }, '24 hours'),
      h('option', { value: '' }, 'until switched off'),
    );
    replace(
      controls,
      a.closed
        ? h(
            'button',
            { type: 'button', onclick: () => act('POST', '/reopen', undefined, 'Commenting is open again.') },
            'Reopen commenting',
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'reject',
              onclick: () => act('POST', '/close', undefined, 'Commenting is closed: new comments are refused.'),
            },
            'Close commenting',
          ),
      a.premoderation
        ? h(
            'button',
            { type: 'button', onclick: () => act('PUT', '/premoderation', { enabled: false }, 'Pre-moderation is off.') },
            'Stop pre-moderation',
          )
        : h(
            'span',
            { class: 'inline-form' },
            h('label', { for: 'premod-until' }, 'Pre-moderate for'),
            until,
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  const hours = Number(until.value);
                  const body = { enabled: true, until: hours ? new Date(Date.now() + hours * 3_600_000).toISOString() : null };
                  void act('PUT', '/premoderation', body, 'Pre-moderation is on: every comment is held for a moderator.');
                },
              },
              'Start pre-moderation',
            ),
          ),
    );
  }

  Promise.all([api(paths.article(articleId)), api(paths.surges, { query: { hours: 24 } })])
    .then(([article, surges]) => {
      render(article);
      const surge = surges.active.find((/** @type {any} */ s) => s.articleId === articleId);
      if (surge)
        state.prepend(
          h(
            'p',
            { class: 'notice' },
            `In a surge (${surge.trigger === 'volume' ? `${plural(surge.comments, 'comment')} in the window` : 'a high spam share'}): pre-moderated until ${when(surge.until)}.`,
          ),
        );
    })
    .catch((error) => status.fail(error));
  return {};
}
