import { error } from './components';

const secured = { security: [{ bearer: [] }] };
const adminErrors = { '401': error('Missing or wrong key'), '403': error('A moderator key on an admin endpoint') };
const emailProperty = { email: { type: 'string', format: 'email', maxLength: 254 } };

/** Privacy requests (src/api/privacy-routes.ts). The address goes in the body, never the URL. */
export const privacyPaths = {
  '/v1/admin/privacy/export': {
    post: {
      tags: ['admin'],
      summary: 'Everything Sift holds about an email address, as JSON (audited without the address)',
      ...secured,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['email'], properties: emailProperty } } },
      },
      responses: {
        '200': {
          description: "The author's comments with statuses, history and timestamps, and email bans",
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['requestId', 'generatedAt', 'comments', 'bans'],
                properties: {
                  requestId: { type: 'string', format: 'uuid' },
                  generatedAt: { type: 'string', format: 'date-time' },
                  comments: { type: 'array', items: { type: 'object' } },
                  bans: { type: 'array', items: { type: 'object' } },
                },
              },
            },
          },
        },
        '400': error('Invalid email'),
        ...adminErrors,
      },
    },
  },
  '/v1/admin/privacy/erase': {
    post: {
      tags: ['admin'],
      summary: "Erase an author: comments anonymised or removed, address, its hash and IP hashes deleted",
      ...secured,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['email', 'mode'],
              properties: {
                ...emailProperty,
                mode: { type: 'string', enum: ['anonymise', 'remove'] },
                body: { type: 'string', enum: ['keep', 'remove'], default: 'keep', description: 'For anonymise' },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'What was erased (counts only)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['requestId', 'mode', 'comments'],
                properties: {
                  requestId: { type: 'string', format: 'uuid' },
                  mode: { type: 'string', enum: ['anonymise', 'remove'] },
                  comments: { type: 'integer' },
                  spamFeedback: { type: 'integer' },
                  webhookDeliveries: { type: 'integer' },
                  bans: { type: 'integer' },
                },
              },
            },
          },
        },
        '400': error('Invalid field'),
        ...adminErrors,
      },
    },
  },
};
