// @ts-check
import { api, paths } from './api.js';
import { h, replace, when } from './dom.js';
import { field, onSubmit, statusLine, textOf } from './forms.js';
import { REASON_CODES, reasonLabel } from './words.js';

/**
 * Bans: who is banned now (by a keyed hash of their address: the list shows no address), whether
 * one address is banned, a new ban by address (or, for the admin, by IP), and lifting a ban.
 * Banning the author of a comment is done from the queue (b).
 */

/** @param {HTMLElement} root @param {{ role: string }} session */
export function bansView(root, session) {
  const status = statusLine();
  const body = h('tbody');
  const lookupResult = h('p', { role: 'status' });

  const lookup = h(
    'form',
    { class: 'inline-form', role: 'search', 'aria-label': 'Is this address banned?' },
    field('ban-lookup', 'Is this address banned?', { name: 'email', type: 'email', required: true, autocomplete: 'off' }),
    h('button', { type: 'submit' }, 'Check'),
  );
  onSubmit(
    lookup,
    async (data) => {
      const { bans } = await api(paths.bans, { query: { email: textOf(data, 'email').trim() } });
      lookupResult.textContent = bans.length ? `Banned: ${bans.map(describe).join('; ')}.` : 'Not banned.';
    },
    status,
  );

  const create = h(
    'form',
    { class: 'stack' },
    field('ban-target', session.role === 'admin' ? 'Email address or IP address' : 'Email address', {
      name: 'target',
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
    }),
    h('label', { for: 'ban-days' }, 'For how long'),
    h(
      'select',
      { id: 'ban-days', name: 'days' },
      h('option', { value: '1' }, '1 day'),
      h('option', { value: '7', selected: true }, '7 days'),
      h('option', { value: '30' }, '30 days'),
      h('option', { value: '365' }, '1 year'),
      h('option', { value: '' }, 'For good'),
    ),
    h('label', { for: 'ban-reason-code' }, 'Reason'),
    h(
      'select',
      { id: 'ban-reason-code', name: 'reasonCode' },
      REASON_CODES.map(([code, label]) => h('option', { value: code, selected: code === 'abusive' }, label)),
    ),
    field('ban-reason', 'Note (optional)', { name: 'reason', maxlength: 1000 }),
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'checkbox', name: 'rejectPending', checked: true }),
      ' Also reject their comments still waiting',
    ),
    h('button', { type: 'submit', class: 'reject' }, 'Ban'),
  );
  onSubmit(
    create,
    async (data) => {
      const target = textOf(data, 'target').trim();
      const days = textOf(data, 'days');
      const ban = await api(paths.bans, {
        method: 'POST',
        body: {
          ...(target.includes('@') ? { email: target } : { ip: target }),
          ...(days ? { durationDays: Number(days) } : {}),
          reasonCode: data.get('reasonCode'),
          reason: textOf(data, 'reason').trim() || null,
          rejectPending: data.get('rejectPending') === 'on',
        },
      });
      create.reset();
      status.ok(`Banned${ban.rejectedComments.length ? `; ${ban.rejectedComments.length} waiting comments rejected` : ''}.`);
      await load();
    },
    status,
  );

  replace(
    root,
    h('h1', { class: 'view-title' }, 'Bans'),
    status.el,
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'new-ban-title' }, h('h2', { id: 'new-ban-title' }, 'New ban'), create),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'lookup-title' },
        h('h2', { id: 'lookup-title' }, 'Look up an address'),
        lookup,
        lookupResult,
      ),
    ),
    h('h2', null, 'Active bans'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h('caption', { class: 'visually-hidden' }, 'Active bans'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Kind', 'Reason', 'By', 'Since', 'Until', ''].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        body,
      ),
    ),
  );

  /** @param {any} ban */
  function describe(ban) {
    return `${ban.reasonCode ? reasonLabel(ban.reasonCode) : 'no reason given'}, ${ban.expiresAt ? `until ${when(ban.expiresAt)}` : 'for good'}`;
  }

  async function load() {
    const { bans } = await api(paths.bans, { query: { limit: 200 } });
    replace(
      body,
      bans.length
        ? bans.map((/** @type {any} */ ban) =>
            h(
              'tr',
              null,
              h('td', null, ban.kind === 'ip' ? 'IP address' : ban.kind === 'reader' ? 'Signed-in reader' : 'Email address'),
              h(
                'td',
                null,
                ban.reasonCode ? reasonLabel(ban.reasonCode) : '—',
                ban.reason ? h('span', { class: 'muted' }, ` “${ban.reason}”`) : null,
              ),
              h('td', null, ban.createdBy),
              h('td', null, when(ban.createdAt)),
              h('td', null, ban.expiresAt ? when(ban.expiresAt) : 'for good'),
              h(
                'td',
                null,
                h(
                  'button',
                  { type: 'button', class: 'link-button', onclick: () => void lift(ban) },
                  'Lift',
                  h('span', { class: 'visually-hidden' }, ` the ban by ${ban.createdBy} of ${when(ban.createdAt)}`),
                ),
              ),
            ),
          )
        : h('tr', null, h('td', { colspan: 6 }, 'Nobody is banned.')),
    );
  }

  /** @param {any} ban */
  async function lift(ban) {
    try {
      await api(`${paths.bans}/${ban.id}`, { method: 'DELETE' });
      status.ok('Ban lifted.');
      await load();
    } catch (error) {
      status.fail(error);
    }
  }

  load().catch((error) => status.fail(error));
  return {};
}
