// @ts-check
import { api, paths } from './api.js';
import { confirm } from './dialogs.js';
import { h, plural, replace, when } from './dom.js';
import { field, onSubmit, statusLine, textOf } from './forms.js';

/** The admin's sections: moderators' keys, webhooks and privacy requests. */

/** @param {HTMLElement} root */
export function moderatorsView(root) {
  const status = statusLine();
  const shown = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'inline-form' },
    field('moderator-name', 'Name', { name: 'name', required: true, maxlength: 100, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'),
  );
  onSubmit(
    form,
    async (data) => {
      const created = await api(paths.moderators, { method: 'POST', body: { name: textOf(data, 'name').trim() } });
      form.reset();
      status.clear();
      // Shown once, here only: Sift keeps nothing but its hash.
      replace(
        shown,
        h(
          'div',
          { class: 'notice' },
          h('p', null, `The key for ${created.name}. Hand it over now: it is not shown again.`),
          h('label', { for: 'new-key' }, 'Key'),
          h('input', {
            id: 'new-key',
            readonly: true,
            value: created.apiKey,
            class: 'secret',
            spellcheck: 'false',
            onfocus: (/** @type {FocusEvent} */ e) => /** @type {HTMLInputElement} */ (e.target).select(),
          }),
        ),
      );
    },
    status,
  );
  replace(
    root,
    h('h1', { class: 'view-title' }, 'Moderators'),
    h('p', null, 'Each moderator signs in with their own key; their decisions are audited under their name.'),
    form,
    status.el,
    shown,
  );
  return {};
}

const EVENTS = ['comment.received', 'comment.approved', 'comment.held', 'comment.rejected', 'comment.spam', 'article.surge'];

/** @param {HTMLElement} root */
export function webhooksView(root) {
  const status = statusLine();
  const list = h('div');
  const secret = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'stack' },
    field('webhook-url', 'URL', { name: 'url', type: 'url', required: true, placeholder: 'https://', spellcheck: 'false' }),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', null, 'Events'),
      EVENTS.map((event) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'checkbox', name: 'events', value: event, checked: event === 'comment.held' }),
          ` ${event}`,
        ),
      ),
    ),
    field('webhook-description', 'Description (optional)', { name: 'description', maxlength: 200 }),
    h('button', { type: 'submit', class: 'primary' }, 'Add webhook'),
  );
  onSubmit(
    form,
    async (data) => {
      const created = await api(paths.webhooks, {
        method: 'POST',
        body: { url: textOf(data, 'url').trim(), events: data.getAll('events'), description: textOf(data, 'description').trim() || null },
      });
      form.reset();
      status.ok('Webhook added.');
      replace(
        secret,
        h(
          'div',
          { class: 'notice' },
          h('p', null, 'Its signing secret, shown only now:'),
          h('label', { for: 'webhook-secret' }, 'Secret'),
          h('input', { id: 'webhook-secret', readonly: true, value: created.secret, class: 'secret' }),
        ),
      );
      await load();
    },
    status,
  );

  replace(
    root,
    h('h1', { class: 'view-title' }, 'Webhooks'),
    h('p', null, 'Sift calls these addresses when something happens to a comment. Payloads never hold an email address.'),
    status.el,
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'hooks-title' }, h('h2', { id: 'hooks-title' }, 'Registered'), list),
      h('section', { class: 'panel', 'aria-labelledby': 'new-hook-title' }, h('h2', { id: 'new-hook-title' }, 'New webhook'), form, secret),
    ),
  );

  async function load() {
    const { webhooks } = await api(paths.webhooks);
    replace(
      list,
      webhooks.length
        ? h(
            'ul',
            { class: 'hooks' },
            webhooks.map((/** @type {any} */ w) => hookItem(w)),
          )
        : h('p', { class: 'muted' }, 'No webhook yet.'),
    );
  }

  /** @param {any} w */
  function hookItem(w) {
    const deliveries = h('div');
    return h(
      'li',
      null,
      h('p', null, h('strong', { class: 'url' }, w.url), w.description ? ` — ${w.description}` : null),
      h('p', { class: 'muted' }, w.events.join(', '), ` · added ${when(w.createdAt)}`),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', onclick: () => void showDeliveries(w, deliveries) },
          'Delivery log',
          h('span', { class: 'visually-hidden' }, ` of ${w.url}`),
        ),
        h(
          'button',
          { type: 'button', class: 'reject', onclick: () => void remove(w) },
          'Delete',
          h('span', { class: 'visually-hidden' }, ` ${w.url}`),
        ),
      ),
      deliveries,
    );
  }

  /** @param {any} w @param {HTMLElement} slot */
  async function showDeliveries(w, slot) {
    try {
      const { deliveries } = await api(`${paths.webhooks}/${w.id}/deliveries`, { query: { limit: 20 } });
      replace(
        slot,
        deliveries.length
          ? h(
              'table',
              { class: 'compact' },
              h('caption', null, `Latest deliveries to ${w.url}`),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Event', 'Status', 'Attempts', 'Last answer', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)),
                ),
              ),
              h(
                'tbody',
                null,
                deliveries.map((/** @type {any} */ d) =>
                  h(
                    'tr',
                    null,
                    h('td', null, d.event),
                    h('td', null, d.status),
                    h('td', null, String(d.attempts)),
                    h('td', null, d.lastStatusCode ? String(d.lastStatusCode) : (d.lastError ?? '—')),
                    h('td', null, when(d.createdAt)),
                    h(
                      'td',
                      null,
                      h(
                        'button',
                        { type: 'button', class: 'link-button', onclick: () => void replay(w, d, slot) },
                        'Send again',
                        h('span', { class: 'visually-hidden' }, ` ${d.event} of ${when(d.createdAt)}`),
                      ),
                    ),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'Nothing delivered yet.'),
      );
    } catch (error) {
      status.fail(error);
    }
  }

  /** @param {any} w @param {any} d @param {HTMLElement} slot */
  async function replay(w, d, slot) {
    try {
      await api(`${paths.webhooks}/${w.id}/deliveries/${d.id}/replay`, { method: 'POST' });
      status.ok('Queued again.');
      await showDeliveries(w, slot);
    } catch (error) {
      status.fail(error);
    }
  }

  /** @param {any} w */
  async function remove(w) {
    if (!(await confirm('Delete this webhook?', `Sift stops calling ${w.url}.`, 'Delete'))) return;
    try {
      await api(`${paths.webhooks}/${w.id}`, { method: 'DELETE' });
      status.ok('Webhook deleted.');
      await load();
    } catch (error) {
      status.fail(error);
    }
  }

  load().catch((error) => status.fail(error));
  return {};
}

/** @param {HTMLElement} root */
export function privacyView(root) {
  const status = statusLine();
  const result = h('div', { 'aria-live': 'polite' });
  const exportForm = h(
    'form',
    { class: 'stack' },
    field('export-email', "The reader's email address", { name: 'email', type: 'email', required: true, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'primary' }, 'Export their data'),
  );
  onSubmit(
    exportForm,
    async (data) => {
      const exported = await api(`${paths.privacy}/export`, { method: 'POST', body: { email: textOf(data, 'email').trim() } });
      const file = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
      status.clear();
      replace(
        result,
        h(
          'div',
          { class: 'notice' },
          h(
            'p',
            null,
            `Found ${plural(exported.comments.length, 'comment')} and ${plural(exported.bans.length, 'ban')} (request ${exported.requestId}).`,
          ),
          h('a', { href: file, download: `sift-export-${exported.requestId}.json` }, 'Download the export (JSON)'),
        ),
      );
    },
    status,
  );

  const eraseForm = h(
    'form',
    { class: 'stack' },
    field('erase-email', "The reader's email address", { name: 'email', type: 'email', required: true, autocomplete: 'off' }),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', null, 'Their comments'),
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'radio', name: 'mode', value: 'anonymise', checked: true }),
        ' Anonymise: the name becomes “[removed]”',
      ),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'mode', value: 'remove' }), ' Remove them'),
    ),
    h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'removeBody' }), ' Also remove the text of anonymised comments'),
    h('button', { type: 'submit', class: 'reject' }, 'Erase'),
  );
  onSubmit(
    eraseForm,
    async (data) => {
      const email = textOf(data, 'email').trim();
      const mode = textOf(data, 'mode');
      if (
        !(await confirm(
          'Erase this reader’s data?',
          `Everything Sift holds about ${email} is ${mode === 'remove' ? 'deleted' : 'anonymised'}. This cannot be undone.`,
          'Erase',
        ))
      )
        return;
      const erased = await api(`${paths.privacy}/erase`, {
        method: 'POST',
        body: { email, mode, body: data.get('removeBody') === 'on' ? 'remove' : 'keep' },
      });
      eraseForm.reset();
      status.ok(
        `Done (request ${erased.requestId}): ${plural(erased.comments, 'comment')} ${mode === 'remove' ? 'removed' : 'anonymised'}, ${plural(erased.bans, 'ban')} deleted.`,
      );
    },
    status,
  );

  replace(
    root,
    h('h1', { class: 'view-title' }, 'Privacy requests'),
    h(
      'p',
      null,
      'Answer a reader’s request for their data or its erasure. The address is sent in the request body, never in an address bar, and is not kept.',
    ),
    status.el,
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, 'Access'), exportForm, result),
      h('section', { class: 'panel', 'aria-labelledby': 'erase-title' }, h('h2', { id: 'erase-title' }, 'Erasure'), eraseForm),
    ),
  );
  return {};
}
