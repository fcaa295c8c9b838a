// @ts-check
import { api, paths } from './api.js';
import { h, replace, when } from './dom.js';
import { field, onSubmit, statusLine } from './forms.js';

/**
 * Trust settings: how many approved comments (and no rejection) within how many days make an author
 * trusted (their borderline comments skip holding), and whether a first-time author's comment with a
 * link is held. The newsroom's values win over the environment's; "Use the defaults" goes back.
 */

/** @param {HTMLElement} root */
export function trustView(root) {
  const status = statusLine();
  const form = h('form', { class: 'stack narrow' });
  const meta = h('p', { class: 'muted' });
  replace(
    root,
    h('h1', { class: 'view-title' }, 'Trust'),
    h(
      'p',
      null,
      "A trusted author's borderline comments are approved instead of held. Trust never overrides a ban, a banned or suspect term, profanity or clear spam. Changes apply to the next comment.",
    ),
    form,
    meta,
    status.el,
  );

  /** @param {any} t */
  function render(t) {
    replace(
      form,
      field(
        'trust-min',
        'Approved comments that make an author trusted',
        { name: 'minApproved', type: 'number', min: 0, max: 1000, required: true, value: String(t.minApproved) },
        `0 turns trust off. Default: ${t.defaults.minApproved}.`,
      ),
      field(
        'trust-window',
        'Within the last (days)',
        { name: 'windowDays', type: 'number', min: 1, max: 3650, required: true, value: String(t.windowDays) },
        `A rejection in this window also takes trust away. Default: ${t.defaults.windowDays}.`,
      ),
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'checkbox', name: 'holdFirstCommentWithLink', checked: t.holdFirstCommentWithLink }),
        ` Hold a first-time author's comment when it has a link (default: ${t.defaults.holdFirstCommentWithLink ? 'on' : 'off'})`,
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Save'),
        h(
          'button',
          {
            type: 'button',
            onclick: () => void save({ minApproved: null, windowDays: null, holdFirstCommentWithLink: null }, 'Back to the defaults.'),
          },
          'Use the defaults',
        ),
      ),
    );
    meta.textContent = t.updatedBy ? `Last changed by ${t.updatedBy}, ${when(t.updatedAt)}.` : 'The environment’s defaults apply.';
  }

  /** @param {object} body @param {string} done */
  async function save(body, done) {
    try {
      render(await api(paths.trust, { method: 'PUT', body }));
      status.ok(done);
    } catch (error) {
      status.fail(error);
    }
  }

  onSubmit(
    form,
    async (data) => {
      await save(
        {
          minApproved: Number(data.get('minApproved')),
          windowDays: Number(data.get('windowDays')),
          holdFirstCommentWithLink: data.get('holdFirstCommentWithLink') === 'on',
        },
        'Saved. The next comment is decided with these settings.',
      );
    },
    status,
  );

  api(paths.trust)
    .then(render)
    .catch((error) => status.fail(error));
  return {};
}
