import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiSecuritySchemeObject } from 'zod-openapi';
import { errorSchema } from './schemas';

/**
 * One endpoint as the OpenAPI document shows it, declared in the route file beside the zod schemas
 * its handler parses with: the request parts (`requestParams`, `requestBody`) name those very
 * schemas, so the document cannot describe another shape than the one the API accepts.
 * test/api/openapi.test.ts holds these declarations and the mounted Express routes together.
 */
export interface ApiOperation extends Omit<ZodOpenApiOperationObject, 'operationId' | 'summary' | 'security' | 'tags'> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** As the route is mounted in Express (`/v1/comments/:id`); the document writes `{id}`. */
  path: string;
  /** The method name a generated client gets: a verb and a noun, unique in the document. */
  operationId: string;
  summary: string;
  tag: Tag;
  /** Who may call it: decides `security` and adds the 401 (and 403) answers. */
  access: Access;
}

/** The document's sections, in the order a reader meets them. */
export const TAGS = {
  public: 'For site widgets: post and read comments. No authentication.',
  widget: 'The embeddable widget, its files and the demo page.',
  moderation: "Moderators' endpoints: a Bearer key (ADMIN_API_KEY or a moderator's key) or a console session.",
  newsroom: "The newsroom's tools: decision log, statistics, bulk actions, word lists, bans, article controls.",
  admin: 'Admin-only endpoints (ADMIN_API_KEY): moderators, webhooks, privacy requests.',
  console: 'The moderation console: its page, its files and its session.',
  operations: 'Health, readiness, metrics and this document.',
} as const;
export type Tag = keyof typeof TAGS;

export const securitySchemes: Record<string, ZodOpenApiSecuritySchemeObject> = {
  bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY, or a moderator key (POST /v1/admin/moderators)' },
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sift_console',
    description:
      'A console session (POST /moderate/session) instead of a Bearer key: this HttpOnly cookie (`__Host-sift_console` ' +
      'over HTTPS), with the X-CSRF-Token header on every call (the token comes only in the sign-in answer, never for ' +
      'the cookie alone) and an Origin of this server on POST, PUT and DELETE. ' +
      'Answers to a session carry no authorEmail, except GET /v1/moderation/comments/{id}/email.',
  },
  consoleCsrf: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: "The session's CSRF token (csrfToken in the answer of POST /moderate/session, and nowhere else)",
  },
  metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
  ssoToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A reader signed in to the site (optional): a JWT the site signs (HS256 with SSO_HS256_SECRET, RS256/ES256 with ' +
      'SSO_PUBLIC_KEY or a key of SSO_JWKS_URL) with `sub` (the reader id), `name`, `email`, `exp`, and optionally ' +
      '`badge`, `iss`, `aud`. The widget sends its data-sso-token.',
  },
};

/** A JSON answer. */
export const json = (description: string, schema: z.ZodType): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});

/** A text answer (a page, a script, a stylesheet). */
export const text = (description: string, type: string): ZodOpenApiResponseObject => ({
  description,
  content: { [type]: { schema: z.string() } },
});

/** An error answer, in the contract's shape `{ "error": { "code", "message" } }`. */
export function error(description: string): ZodOpenApiResponseObject {
  return json(description, errorSchema);
}

/** A 429, with the Retry-After that tells when to try again. */
export const rateLimited = (description: string): ZodOpenApiResponseObject => ({
  ...error(description),
  headers: z.object({ 'Retry-After': z.int().min(1).meta({ description: 'Seconds to wait' }) }),
});

/** A required JSON request body: the schema the handler parses it with. */
export const body = (schema: z.ZodType, required = true) => ({ required, content: { 'application/json': { schema } } });

type Security = Array<Record<string, string[]>>;
const keyOrSession: Security = [{ bearer: [] }, { consoleSession: [], consoleCsrf: [] }];
// Keys and sessions are looked up in PostgreSQL: without it, every keyed endpoint answers 503.
const storageUnavailable = error('Storage unavailable (PostgreSQL)');

/** Who may call an operation: anyone, a moderator (or the admin), the admin alone, a console session, a metrics scraper. */
export type Access = 'public' | 'publicOrReader' | 'moderator' | 'admin' | 'consoleSession' | 'consoleSessionIfAny' | 'metricsToken';

/** How each kind of caller proves who it is, and what the API answers when it does not. */
const ACCESS: Record<Access, { security: Security; responses: Record<string, ZodOpenApiResponseObject> }> = {
  public: { security: [], responses: {} },
  /** Anyone, or a reader signed in to the site with an SSO token (src/identity/sso.ts). */
  publicOrReader: {
    security: [{}, { ssoToken: [] }],
    responses: {
      '401': error(
        'invalid_sso_token: the token is expired, forged, not yet valid, signed with another algorithm (alg none included), for another issuer or audience, or lacks sub, name, email or exp',
      ),
    },
  },
  moderator: {
    security: keyOrSession,
    responses: { '401': error('Missing or wrong key, or no live console session'), '503': storageUnavailable },
  },
  admin: {
    security: keyOrSession,
    responses: {
      '401': error('Missing or wrong key, or no live console session'),
      '403': error('A moderator key (or session) on an admin endpoint'),
      '503': storageUnavailable,
    },
  },
  /** The console's own session calls: the cookie and the CSRF token given at sign-in. */
  consoleSession: { security: [{ consoleSession: [], consoleCsrf: [] }], responses: {} },
  /** A console session if there is one (signing out without one changes nothing). */
  consoleSessionIfAny: { security: [{ consoleSession: [], consoleCsrf: [] }, {}], responses: {} },
  metricsToken: { security: [{ metricsToken: [] }], responses: {} },
};

/** Every endpoint that reads a JSON body refuses another type, and a body over the limit. */
const bodyResponses = { '413': error('Body too large'), '415': error('Not JSON (send Content-Type: application/json)') };

/**
 * The operation as zod-openapi takes it: security, and the answers that come with it (401/403 with
 * the access, 413/415 with a body), filled in; the operation's own answers win.
 */
export function toOpenApiOperation({
  method: _method,
  path: _path,
  tag,
  access,
  responses,
  ...operation
}: ApiOperation): ZodOpenApiOperationObject {
  const { security, responses: accessResponses } = ACCESS[access];
  return {
    tags: [tag],
    ...operation,
    security,
    responses: { ...accessResponses, ...(operation.requestBody ? bodyResponses : {}), ...responses },
  };
}
