// @ts-check
import { h } from './dom.js';
import { REASON_CODES } from './words.js';

/**
 * Modal dialogs on the native <dialog> element: the browser keeps focus inside, Escape cancels, and
 * focus returns to where it was. Each resolves with the answer, or null when cancelled.
 */

/**
 * @template T
 * @param {string} title
 * @param {(close: (value: T | null) => void, form: HTMLFormElement) => Array<Node | null>} body
 * @param {string} submitLabel
 * @param {(form: HTMLFormElement) => T} read
 * @returns {Promise<T | null>}
 */
function modal(title, body, submitLabel, read) {
  return new Promise((resolve) => {
    const returnTo = /** @type {HTMLElement | null} */ (document.activeElement);
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    let done = false;
    // Settled at once, not on the dialog's 'close' event, which comes a task later: a key pressed
    // right after the answer (3, then s) must find the answer already acted on.
    const close = (/** @type {T | null} */ value) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      returnTo?.focus?.();
      resolve(value);
    };
    const form = h('form', { class: 'stack', novalidate: true });
    form.append(
      ...body(close, form).filter((node) => node !== null),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, submitLabel),
        h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      close(read(form));
    });
    const dialog = h('dialog', { 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), form);
    // Escape, or any other way the browser closes it.
    dialog.addEventListener('close', () => close(null));
    document.body.appendChild(dialog);
    dialog.showModal();
    /** @type {HTMLElement | null} */ (dialog.querySelector('[autofocus], input:checked, input, button'))?.focus();
  });
}

let lastReason = 'offensive';

/** @param {HTMLFormElement} form @param {string} name */
const field = (form, name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

/** The reason codes as radio buttons; keys 1–6 choose one and confirm. @param {string} selected */
function reasonChoices(selected, /** @type {((code: string) => void) | null} */ onDigit) {
  const group = h(
    'fieldset',
    { class: 'choices' },
    h('legend', null, 'Reason'),
    REASON_CODES.map(([code, label], i) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'radio', name: 'reasonCode', value: code, checked: code === selected }),
        ` ${label} `,
        onDigit ? h('kbd', { 'aria-hidden': 'true' }, String(i + 1)) : null,
      ),
    ),
  );
  if (onDigit) {
    group.addEventListener('keydown', (event) => {
      const at = Number(event.key) - 1;
      if (at >= 0 && at < REASON_CODES.length) {
        event.preventDefault();
        onDigit(REASON_CODES[at][0]);
      }
    });
  }
  return group;
}

/**
 * @param {string} title
 * @param {string} submitLabel
 * @returns {Promise<{ reasonCode: string, reason: string | null } | null>}
 */
export function askReason(title, submitLabel = 'Reject') {
  return modal(
    title,
    (close, form) => [
      h('p', { class: 'hint' }, 'Press 1–6 to choose and reject at once. The commenter never sees the reason.'),
      reasonChoices(lastReason, (code) => close({ reasonCode: (lastReason = code), reason: field(form, 'reason').value.trim() || null })),
      h('label', { for: 'reason-note' }, 'Note for the decision log (optional)'),
      h('textarea', { id: 'reason-note', name: 'reason', rows: 2, maxlength: 1000 }),
    ],
    submitLabel,
    (form) => ({
      reasonCode: (lastReason = field(form, 'reasonCode').value || 'other'),
      reason: field(form, 'reason').value.trim() || null,
    }),
  ).then((answer) => answer);
}

/**
 * @param {string} authorName
 * @param {boolean} canBanIp
 * @returns {Promise<{ kind: 'email' | 'ip', durationDays: number | null, reasonCode: string, reason: string | null, rejectPending: boolean } | null>}
 */
export function askBan(authorName, canBanIp) {
  return modal(
    `Ban ${authorName}`,
    () => [
      h('p', { class: 'hint' }, 'Their next comments are rejected. They are not told.'),
      canBanIp
        ? h(
            'fieldset',
            { class: 'choices' },
            h('legend', null, 'Ban by'),
            h(
              'label',
              { class: 'choice' },
              h('input', { type: 'radio', name: 'kind', value: 'email', checked: true }),
              ' Their email address',
            ),
            h(
              'label',
              { class: 'choice' },
              h('input', { type: 'radio', name: 'kind', value: 'ip' }),
              ' Their connection (IP address): can block a whole office',
            ),
          )
        : null,
      h('label', { for: 'ban-duration' }, 'For how long'),
      h(
        'select',
        { id: 'ban-duration', name: 'duration', autofocus: true },
        h('option', { value: '1' }, '1 day'),
        h('option', { value: '7', selected: true }, '7 days'),
        h('option', { value: '30' }, '30 days'),
        h('option', { value: '365' }, '1 year'),
        h('option', { value: '' }, 'For good'),
      ),
      reasonChoices(lastReason === 'other' ? 'abusive' : lastReason, null),
      h('label', { for: 'ban-note' }, 'Note (optional)'),
      h('textarea', { id: 'ban-note', name: 'reason', rows: 2, maxlength: 1000 }),
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'checkbox', name: 'rejectPending', checked: true }),
        ' Also reject their comments still waiting',
      ),
    ],
    'Ban author',
    (form) => {
      const days = /** @type {HTMLSelectElement} */ (form.elements.namedItem('duration')).value;
      return {
        kind: /** @type {'email' | 'ip'} */ (field(form, 'kind')?.value ?? 'email'),
        durationDays: days ? Number(days) : null,
        reasonCode: field(form, 'reasonCode').value || 'abusive',
        reason: field(form, 'reason').value.trim() || null,
        rejectPending: field(form, 'rejectPending').checked,
      };
    },
  );
}

/** @param {string} title @param {string} message @param {string} confirmLabel @returns {Promise<boolean>} */
export async function confirm(title, message, confirmLabel) {
  const answer = await modal(
    title,
    () => [h('p', null, message)],
    confirmLabel,
    () => true,
  );
  return answer === true;
}

/** The keys, listed. @param {Array<[string, string]>} keys */
export function showKeys(keys) {
  return modal(
    'Keyboard shortcuts',
    () => [
      h(
        'dl',
        { class: 'keys' },
        keys.map(([key, what]) => [h('dt', null, h('kbd', null, key)), h('dd', null, what)]),
      ),
    ],
    'Close',
    () => true,
  );
}
