import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack, type TestStack } from '../helpers/test-stack';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

/** pino's levels: 50 is error, 60 fatal. */
const errorLines = (stack: TestStack) => stack.logs.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

describe('Request bodies that cannot be read or stored', () => {
  const stack = useTestStack({ env: { LOG_LEVEL: 'debug' } });

  test.each([
    ['gzip', Buffer.from('{"authorName":"not gzip at all"}')],
    ['deflate', Buffer.from('{"authorName":"not deflate either"}')],
    ['br', Buffer.from('{"authorName":"nor brotli"}')],
    ['gzip', gzipSync('{"authorName":"Dana","authorEmail":"dana@example.org","body":"cut short"}').subarray(0, 20)],
  ])(
    'When a POST says Content-Encoding %s but the body is corrupt, then 400 in the contract shape and no error logged',
    async (encoding, body) => {
      const before = errorLines(stack).length;

      const response = await request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(body);

      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'invalid_body_encoding', message: expect.any(String) } });
      expect(errorLines(stack).slice(before)).toEqual([]);
    },
  );

  test('When moderators and admins send a NUL in any text field, then 400 naming the field, and no error logged', async () => {
    const before = errorLines(stack).length;
    const id = await apiClient(stack.app).post(randomArticleId());
    const calls: Array<['post', string, object, string]> = [
      ['post', `/v1/moderation/comments/${id}/reject`, { reason: 'off\u0000topic' }, 'reason'],
      ['post', '/v1/admin/moderators', { name: 'Pri\u0000ya' }, 'name'],
      ['post', '/v1/moderation/bans', { email: 'troll@example.org', reason: 'tro\u0000ll' }, 'reason'],
      ['post', '/v1/moderation/word-lists/banned/terms', { terms: ['gri\u0000fter'] }, 'terms.0'],
      ['post', '/v1/admin/webhooks', { url: 'https://hooks.example/x', events: ['comment.held'], description: 'a\u0000b' }, 'description'],
    ];

    for (const [method, path, body, field] of calls) {
      const response = await request(stack.app)[method](path).set(auth).send(body);
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 400,
        body: { error: { code: 'invalid_request', message: `${field}: must not contain a NUL character` } },
      });
    }
    expect(errorLines(stack).slice(before)).toEqual([]);
  });
});
