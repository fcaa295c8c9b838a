// @ts-check
/**
 * Calls to Sift's API on behalf of the signed-in moderator: the session cookie goes by itself
 * (same origin), the session's CSRF token in a header. The key is sent once, to sign in, and is
 * never kept; the CSRF token lives only in this module's memory.
 */

/** @typedef {{ name: string, role: 'admin' | 'moderator', csrfToken: string, expiresAt: string }} Session */

/** @type {string | null} */
let csrfToken = null;
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
    const error = new ApiError(response.status, data?.error?.code ?? 'error', data?.error?.message ?? `Sift answered ${response.status}`, retryAfter);
    if (response.status === 401 && !path.startsWith('/moderate/session')) for (const listener of signedOutListeners) listener(error);
    throw error;
  }
  return data;
}

/** Who is signed in, from the session cookie; null when nobody is. @returns {Promise<Session | null>} */
export async function currentSession() {
  try {
    const session = await api('/moderate/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** @param {string} key @returns {Promise<Session>} */
export async function signIn(key) {
  const session = await api('/moderate/session', { method: 'POST', body: { key } });
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut() {
  try {
    await api('/moderate/session', { method: 'DELETE' });
  } finally {
    csrfToken = null;
  }
}

export function forgetSession() {
  csrfToken = null;
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
