// @ts-check
import { api, paths } from './api.js';
import { h, replace, when } from './dom.js';
import { onSubmit, statusLine, textOf } from './forms.js';

/**
 * The moderators' word lists: a banned term rejects a comment, a suspect term holds it. Matched
 * like the profanity check (leetspeak, spacing, look-alike letters); "word*" = starts with.
 */

const LISTS = /** @type {const} */ ([
  ['banned', 'Banned terms', 'A comment with one of these is rejected.'],
  ['suspect', 'Suspect terms', 'A comment with one of these is held for a moderator.'],
]);

/** @param {HTMLElement} root */
export function wordListsView(root) {
  const status = statusLine();
  const sections = Object.fromEntries(LISTS.map(([list]) => [list, h('div')]));
  replace(
    root,
    h('h1', { class: 'view-title' }, 'Word lists'),
    h(
      'p',
      null,
      'Changes apply to the next comment, on every worker. Terms match leetspeak, spacing and look-alike letters; end a term with * to match words starting with it.',
    ),
    status.el,
    h(
      'div',
      { class: 'columns' },
      LISTS.map(([list, title, meaning]) =>
        h(
          'section',
          { class: 'panel', 'aria-labelledby': `${list}-title` },
          h('h2', { id: `${list}-title` }, title),
          h('p', { class: 'hint' }, meaning),
          addForm(list, title),
          sections[list],
        ),
      ),
    ),
  );

  /** @param {string} list @param {string} title */
  function addForm(list, title) {
    const form = h(
      'form',
      { class: 'stack' },
      h('label', { for: `${list}-terms` }, `Add to ${title.toLowerCase()}`),
      h('p', { id: `${list}-terms-hint`, class: 'hint' }, 'One or more, separated by commas or new lines.'),
      h('textarea', { id: `${list}-terms`, name: 'terms', rows: 2, required: true, 'aria-describedby': `${list}-terms-hint` }),
      h('button', { type: 'submit' }, 'Add'),
    );
    onSubmit(
      form,
      async (data) => {
        const terms = textOf(data, 'terms')
          .split(/[,\n]/)
          .map((t) => t.trim())
          .filter(Boolean);
        if (!terms.length) return status.fail(new Error('Enter at least one term.'));
        render(await api(`${paths.wordLists}/${list}/terms`, { method: 'POST', body: { terms } }));
        form.reset();
        status.ok(`Added ${terms.join(', ')} to ${title.toLowerCase()}.`);
      },
      status,
    );
    return form;
  }

  /** @param {any} lists */
  function render(lists) {
    for (const [list, title] of LISTS) {
      const terms = lists[list];
      replace(
        sections[list],
        terms.length
          ? h(
              'ul',
              { class: 'terms', 'aria-label': title },
              terms.map((/** @type {any} */ t) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'term' }, t.term),
                  h('span', { class: 'muted' }, ` added by ${t.addedBy}, ${when(t.addedAt)} `),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'link-button',
                      'aria-label': `Remove ${t.term} from ${title.toLowerCase()}`,
                      onclick: () => void remove(list, t.term),
                    },
                    'Remove',
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No term yet.'),
      );
    }
  }

  /** @param {string} list @param {string} term */
  async function remove(list, term) {
    try {
      render(await api(`${paths.wordLists}/${list}/terms/${encodeURIComponent(term)}`, { method: 'DELETE' }));
      status.ok(`Removed ${term}.`);
    } catch (error) {
      status.fail(error);
    }
  }

  api(paths.wordLists)
    .then(render)
    .catch((error) => status.fail(error));
  return {};
}
