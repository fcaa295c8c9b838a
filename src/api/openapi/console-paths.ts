import { z } from 'zod';
import { trustSettingsSchema } from '../../moderation/trust-settings';
import { error, json } from './components';

/** The moderation console (issue 18): its page and files, its session, and the endpoints it added. */

const secured = { security: [{ bearer: [] }, { consoleSession: [] }] };
const auth = { '401': error('Missing or wrong key, or no live console session') };
const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });
const sessionView = {
  description: 'Who is signed in, and the CSRF token the console sends as X-CSRF-Token',
  content: json('ConsoleSession'),
};
const trustBody = z.toJSONSchema(trustSettingsSchema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

export const consoleSecuritySchemes = {
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sift_console',
    description:
      'A console session (POST /moderate/session), instead of a Bearer key: the HttpOnly cookie (`__Host-sift_console` over ' +
      'HTTPS) plus the X-CSRF-Token header on every call, and an Origin of this server on POST, PUT and DELETE. ' +
      'Answers to a session carry no authorEmail except GET /v1/moderation/comments/{id}/email.',
  },
};

export const consoleSchemas = {
  ConsoleSession: {
    type: 'object',
    required: ['name', 'role', 'csrfToken', 'expiresAt'],
    properties: {
      name: { type: 'string' },
      role: { type: 'string', enum: ['admin', 'moderator'] },
      csrfToken: { type: 'string' },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  TrustSettings: {
    type: 'object',
    required: ['minApproved', 'windowDays', 'holdFirstCommentWithLink', 'defaults', 'overrides', 'updatedBy', 'updatedAt'],
    properties: {
      minApproved: { type: 'integer', description: 'In force now' },
      windowDays: { type: 'integer' },
      holdFirstCommentWithLink: { type: 'boolean' },
      defaults: { type: 'object', description: 'The environment settings, used where the newsroom set none' },
      overrides: { type: 'object', description: "The newsroom's own values; null where not set" },
      updatedBy: { type: 'string', nullable: true },
      updatedAt: { type: 'string', format: 'date-time', nullable: true },
    },
  },
};

export const consolePaths = {
  '/moderate': {
    get: {
      tags: ['console'],
      summary: 'The moderation console: a sign-in form (Key, Sign in), then the held queue',
      description: "HTML with no inline script or style; Content-Security-Policy 'self' only, with Trusted Types.",
      responses: { '200': text('text/html', 'The console page') },
    },
  },
  '/moderate/assets/{build}/{file}': {
    parameters: [
      { name: 'build', in: 'path', required: true, schema: { type: 'string' }, description: 'A digest of all the console files' },
      { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
    ],
    get: {
      tags: ['console'],
      summary: "The console's ES modules and stylesheet, gzipped, cacheable for a year",
      responses: { '200': text('application/javascript', 'The file'), '404': error('No such file in this build') },
    },
  },
  '/moderate/session': {
    post: {
      tags: ['console'],
      summary: 'Sign in with a moderator key (or the admin key): sets the session cookie',
      description:
        'Needs an Origin of this server. Wrong keys count against CONSOLE_SIGNIN_LIMIT per client IP (429 with Retry-After). ' +
        'The key is not stored; the session lasts CONSOLE_SESSION_HOURS, or until CONSOLE_IDLE_MINUTES without activity.',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['key'], properties: { key: { type: 'string', maxLength: 512 } } } } },
      },
      responses: {
        '200': sessionView,
        '400': error('No key'),
        '401': error('That key was not accepted'),
        '403': error('Not from a page of this server'),
        '429': error('Too many wrong keys from this address'),
      },
    },
    get: {
      tags: ['console'],
      summary: 'Who is signed in (from the cookie), with the CSRF token',
      responses: { '200': sessionView, '401': error('No live session') },
    },
    delete: {
      tags: ['console'],
      summary: 'Sign out: the session ends and the cookie is cleared',
      responses: { '204': { description: 'Signed out' }, '403': error('Missing CSRF token or another origin') },
    },
  },
  '/v1/moderation/articles': {
    get: {
      tags: ['moderation'],
      summary: 'Articles to watch: comments waiting, commented on in the last 48 hours, closed, pre-moderated or surging',
      ...secured,
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 100 } }],
      responses: {
        '200': {
          description: 'Articles with comments waiting first, then by their latest comment',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['articles'],
                properties: {
                  articles: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['articleId', 'held', 'pending', 'lastCommentAt', 'closed', 'premoderation', 'premoderationUntil', 'surgeUntil'],
                      properties: {
                        articleId: { type: 'string' },
                        held: { type: 'integer' },
                        pending: { type: 'integer' },
                        lastCommentAt: { type: 'string', format: 'date-time', nullable: true },
                        closed: { type: 'boolean' },
                        premoderation: { type: 'boolean' },
                        premoderationUntil: { type: 'string', format: 'date-time', nullable: true },
                        surgeUntil: { type: 'string', format: 'date-time', nullable: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...auth,
      },
    },
  },
  '/v1/moderation/trust': {
    get: {
      tags: ['moderation'],
      summary: 'The trust settings in force, the environment defaults and the newsroom overrides',
      ...secured,
      responses: { '200': { description: 'The settings', content: json('TrustSettings') }, ...auth },
    },
    put: {
      tags: ['moderation'],
      summary: 'Change trust settings (null: back to the environment); applies to the next comment decided',
      ...secured,
      requestBody: { required: true, content: { 'application/json': { schema: trustBody } } },
      responses: { '200': { description: 'The settings after the change', content: json('TrustSettings') }, '400': error('Invalid setting'), ...auth },
    },
  },
};
