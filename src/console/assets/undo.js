// @ts-check
import { announce, byId, h } from './dom.js';

/**
 * Decisions wait a few seconds before they are sent, so that "undo" really undoes: nothing reaches
 * Sift (no audit row, no webhook, no spam lesson) until the moment has passed. Leaving or signing
 * out sends whatever is still waiting at once. How long: CONSOLE_UNDO_SECONDS, which the server
 * writes into the page as <html data-undo-seconds> (0: sent at once, nothing to undo).
 */

const setting = Number(document.documentElement.dataset.undoSeconds);
export const UNDO_SECONDS = Number.isInteger(setting) && setting >= 0 ? setting : 5;

/**
 * @typedef {{ label: string, run: (keepalive: boolean) => Promise<unknown>, revert: () => void, done?: (result: any) => void }} Action
 * @typedef {Action & { timer: number, toast: HTMLElement }} Waiting
 */

/** @type {Waiting[]} */
const waiting = [];

/**
 * @param {Action} action
 */
export function schedule(action) {
  if (UNDO_SECONDS === 0) return void sendNow(action);
  const toast = h(
    'div',
    { class: 'toast', role: 'group', 'aria-label': action.label },
    h('span', null, `${action.label}.`),
    h('button', { type: 'button', onclick: () => cancel(entry) }, 'Undo'),
    h('span', { class: 'toast-hint' }, '(u)'),
  );
  byId('toasts').appendChild(toast);
  /** @type {Waiting} */
  const entry = { ...action, toast, timer: window.setTimeout(() => void commit(entry, false), UNDO_SECONDS * 1000) };
  waiting.push(entry);
  announce(`${action.label}. Press u to undo.`);
}

/** With no undo moment: sent at once, and said as done once it is. @param {Action} action */
async function sendNow(action) {
  try {
    action.done?.(await action.run(false));
    announce(`${action.label}.`);
  } catch (error) {
    action.revert();
    showError(`${action.label} failed: ${/** @type {Error} */ (error).message}`);
  }
}

/** Undoes the latest action still waiting; false when there is none. */
export function undoLast() {
  const last = waiting[waiting.length - 1];
  if (!last) return false;
  cancel(last);
  return true;
}

/** Sends everything still waiting now (before signing out, or as the page goes away). */
export async function flushAll(keepalive = false) {
  await Promise.all([...waiting].map((entry) => commit(entry, keepalive)));
}

export const hasWaiting = () => waiting.length > 0;

/** @param {Waiting} entry */
function cancel(entry) {
  if (!remove(entry)) return;
  entry.revert();
  announce(`Undone: ${entry.label.toLowerCase()}.`);
}

/** @param {Waiting} entry */
function remove(entry) {
  const at = waiting.indexOf(entry);
  if (at < 0) return false;
  waiting.splice(at, 1);
  clearTimeout(entry.timer);
  entry.toast.remove();
  return true;
}

/** @param {Waiting} entry @param {boolean} keepalive */
async function commit(entry, keepalive) {
  if (!remove(entry)) return;
  try {
    const result = await entry.run(keepalive);
    entry.done?.(result);
  } catch (error) {
    entry.revert();
    showError(`${entry.label} failed: ${/** @type {Error} */ (error).message}`);
  }
}

/** A message that stays until dismissed. @param {string} message */
export function showError(message) {
  const toast = h(
    'div',
    { class: 'toast toast-error', role: 'alert' },
    h('span', null, message),
    h('button', { type: 'button', onclick: () => toast.remove() }, 'Dismiss'),
  );
  byId('toasts').appendChild(toast);
}
