import request from 'supertest';
import { mountedRoutes } from '../helpers/routes';
import { useTestStack } from '../helpers/test-stack';

describe('GET /openapi.json', () => {
  const stack = useTestStack();
  let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  beforeAll(async () => {
    doc = (await request(stack.app).get('/openapi.json')).body;
  });

  test('When it is fetched, then it is OpenAPI 3 and documents exactly the mounted routes', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();

    expect(doc.openapi).toMatch(/^3\./);
    const mounted = mountedRoutes(stack.express).map(({ method, path }) => `${method} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(documented).toEqual(mounted.sort());
  });

  test.each([
    ['/v1/articles/{articleId}/comments', 'post', ['202', '400', '409', '413', '415', '429', '503']],
    ['/v1/articles/{articleId}/comments', 'get', ['200']],
    ['/v1/comments/{id}', 'get', ['200', '404']],
    ['/v1/admin/moderators', 'post', ['201', '401', '403']],
    ['/v1/moderation/comments', 'get', ['200', '401']],
    ['/v1/moderation/comments/{id}', 'get', ['200', '401']],
    ['/v1/moderation/comments/{id}/approve', 'post', ['200', '401']],
    ['/v1/moderation/comments/{id}/reject', 'post', ['200', '401']],
    ['/v1/moderation/comments/{id}/spam', 'post', ['200', '401']],
    ['/healthz', 'get', ['200']],
    ['/readyz', 'get', ['200', '503']],
    ['/metrics', 'get', ['200']],
    ['/openapi.json', 'get', ['200']],
  ])('When the contract lists %s %s, then the document has it with statuses %j', (path, method, statuses) => {
    const operation = doc.paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(statuses));
  });
});
