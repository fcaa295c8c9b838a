// @ts-check
/**
 * The console's one way to build DOM. Text is only ever a text node (never parsed as HTML: the page's
 * Trusted Types policy forbids innerHTML and the like outright), event handlers are only functions,
 * and links may only point inside this server.
 */

/** @typedef {Node | string | number | null | undefined | false | any[]} Child */

/** Set as properties, not attributes, so they reflect live state. */
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'indeterminate', 'open']);

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Record<string, any> | null | undefined} attrs
 */
function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value));
    } else if (name === 'dataset') {
      Object.assign(/** @type {HTMLElement} */ (el).dataset, value);
    } else if (PROPERTIES.has(name)) {
      /** @type {any} */ (el)[name] = value;
    } else {
      if (name === 'href' && !/^(#|\/(?!\/)|blob:)/.test(String(value))) throw new TypeError('links stay on this server');
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/**
 * @param {Node} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces an element's content.
 * @param {Element} el
 * @param {...Child} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** @param {string} id */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
}

/** Tells screen-reader users what just happened (a polite live region). */
export function announce(/** @type {string} */ message) {
  const region = byId('announcer');
  region.textContent = '';
  // A change of text after a tick is announced even when the same message repeats.
  setTimeout(() => (region.textContent = message), 30);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "3 minutes ago", "yesterday". @param {string | null | undefined} iso */
export function ago(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const units = /** @type {const} */ ([
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ]);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

/** @param {string | null | undefined} iso */
export function when(iso) {
  return iso ? absolute.format(new Date(iso)) : '';
}

/** A <time> that reads "3 minutes ago" with the full date on hover and for screen readers' detail. @param {string} iso */
export function timeAgo(iso) {
  return h('time', { datetime: iso, title: when(iso) }, ago(iso));
}

/** "2 h 5 min", for an age in seconds. @param {number | null | undefined} seconds */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

/** @param {string} text @param {number} length */
export function excerpt(text, length = 140) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** @param {number} n @param {string} one @param {string} [many] */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Whether a key press belongs to a text field or a control that uses keys itself. @param {KeyboardEvent} event */
export function typingIn(event) {
  const target = /** @type {HTMLElement | null} */ (event.target);
  if (!target || !target.closest) return false;
  if (target.closest('textarea, select, [contenteditable="true"], dialog[open]')) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
