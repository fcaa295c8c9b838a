// @ts-check
/**
 * Calls to Sift's API on behalf of the signed-in moderator: the session cookie goes by itself
 * (same origin), the session's CSRF token in a header. The key is sent once, to sign in, and is
 * never kept. The CSRF token comes only in the sign-in answer (Sift never gives it for the cookie
 * alone); it is kept in this tab's sessionStorage, so a reload in the tab keeps working, and never
 * in localStorage or an address. A new tab has none and asks to sign in.
 */

/** @typedef {{ name: string, role: 'admin' | 'moderator', expiresAt: string }} Session */

const TOKEN_KEY = 'sift-console-csrf';

/** @returns {string | null} */
function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string | null} token */
function keepToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (a private window's quota, say): the token still lives in this module.
  }
}

/** @type {string | null} */
let csrfToken = storedToken();
/** @type {Array<(error: ApiError) => void>} */
const signedOutListeners = [];

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {number | null} [retryAfter] */
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** @param {(error: ApiError) => void} listener */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

/**
 * @param {string} path
 * @param {{ method?: string, body?: unknown, query?: Record<string, string | number | undefined | null>, poll?: boolean, keepalive?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
  const { method = 'GET', body, query, poll = false, keepalive = false } = options;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const url = params.size ? `${path}?${params}` : path;
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (poll) headers['Sift-Poll'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive,
    });
  } catch {
    throw new ApiError(0, 'network', 'Sift could not be reached. Check the connection and try again.');
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    const error = new ApiError(
      response.status,
      data?.error?.code ?? 'error',
      data?.error?.message ?? `Sift answered ${response.status}`,
      retryAfter,
    );
    // 401: the session ended. 403 csrf_failed: this tab's token is not the cookie's session's (a
    // sign-in as someone else in another tab of this browser replaced the cookie).
    const ended = response.status === 401 || (response.status === 403 && error.code === 'csrf_failed');
    if (ended && !path.startsWith('/moderate/session')) for (const listener of signedOutListeners) listener(error);
    throw error;
  }
  return data;
}

/**
 * Who is signed in, for a page (re)loaded in a tab that signed in before: null when this tab has no
 * token, or its session has ended. @returns {Promise<Session | null>}
 */
export async function currentSession() {
  if (!csrfToken) return null;
  try {
    return await api('/moderate/session');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      forgetSession();
      return null;
    }
    throw error;
  }
}

/** Whether this tab held a session token (so a refusal means "your session ended"). */
export const hadSession = () => csrfToken !== null;

/** @param {string} key @returns {Promise<Session>} */
export async function signIn(key) {
  const { csrfToken: token, ...session } = await api('/moderate/session', { method: 'POST', body: { key } });
  csrfToken = token;
  keepToken(token);
  return session;
}

export async function signOut() {
  try {
    await api('/moderate/session', { method: 'DELETE' });
  } finally {
    forgetSession();
  }
}

export function forgetSession() {
  csrfToken = null;
  keepToken(null);
}

/** Paths of the moderator API, in one place. */
export const paths = {
  comments: '/v1/moderation/comments',
  /** @param {string} id */
  comment: (id) => `/v1/moderation/comments/${encodeURIComponent(id)}`,
  bulk: '/v1/moderation/comments/bulk',
  stats: '/v1/moderation/stats',
  articles: '/v1/moderation/articles',
  /** @param {string} id */
  article: (id) => `/v1/moderation/articles/${encodeURIComponent(id)}`,
  surges: '/v1/moderation/surges',
  wordLists: '/v1/moderation/word-lists',
  bans: '/v1/moderation/bans',
  trust: '/v1/moderation/trust',
  moderators: '/v1/admin/moderators',
  webhooks: '/v1/admin/webhooks',
  privacy: '/v1/admin/privacy',
};
