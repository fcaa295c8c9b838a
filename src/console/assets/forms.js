// @ts-check
import { h, replace } from './dom.js';

/**
 * Small shared pieces for the sections' forms: a status line that says what happened (or what went
 * wrong, as an alert), and a submit handler that disables the button while the call runs.
 */

export function statusLine() {
  const el = h('p', { class: 'status-line', role: 'status' });
  return {
    el,
    /** @param {string} message */
    ok(message) {
      el.className = 'status-line';
      el.setAttribute('role', 'status');
      el.textContent = message;
    },
    /** @param {unknown} error */
    fail(error) {
      el.className = 'status-line form-error';
      el.setAttribute('role', 'alert');
      el.textContent = /** @type {Error} */ (error).message;
    },
    clear() {
      replace(el);
    },
  };
}

/**
 * @param {HTMLFormElement} form
 * @param {(data: FormData) => void | Promise<void>} handler
 * @param {ReturnType<typeof statusLine>} status
 */
export function onSubmit(form, handler, status) {
  const submit = async () => {
    const buttons = form.querySelectorAll('button');
    buttons.forEach((button) => (button.disabled = true));
    try {
      await handler(new FormData(form));
    } catch (error) {
      status.fail(error);
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // submit() reports its own failure in the status line: nothing to catch here.
    void submit();
  });
}

/**
 * A text field's value ('' when the form has no such field; a file input is not text).
 * @param {FormData} data
 * @param {string} name
 */
export function textOf(data, name) {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** A labelled field. @param {string} id @param {string} label @param {Record<string, any>} attrs @param {string} [hint] */
export function field(id, label, attrs, hint) {
  const hintId = hint ? `${id}-hint` : null;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    attrs.rows ? h('textarea', { id, 'aria-describedby': hintId, ...attrs }) : h('input', { id, 'aria-describedby': hintId, ...attrs }),
  );
}
