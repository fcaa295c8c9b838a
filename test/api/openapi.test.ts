import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { apiOperations, buildOpenApiDocument, toOpenApiPath } from '../../src/api/openapi';
import type { ApiOperation } from '../../src/api/openapi/operation';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { mountedRoutes, pathFor } from '../helpers/routes';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, unknown> };
type Document = {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${route}`, operation })),
  );

/** Values for the path parameters of every route: well-formed, naming nothing that exists. */
const PARAMS: Record<string, string> = {
  articleId: 'openapi-article',
  id: '00000000-0000-4000-8000-000000000000',
  deliveryId: '00000000-0000-4000-8000-000000000001',
  list: 'banned',
  term: 'zorbleflex',
  build: 'no-such-build',
  file: 'app.js',
};

/** The zod schema the document gives for one answer of one operation. */
function documentedSchema(method: ApiOperation['method'], route: string, status: number): z.ZodType {
  const operation = apiOperations.find((candidate) => candidate.method === method && candidate.path === route);
  const response = operation?.responses[String(status) as `2${string}`] as ZodOpenApiResponseObject | undefined;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the document has no JSON ${status} for ${method.toUpperCase()} ${route}`);
  return schema as z.ZodType;
}

/** The answer's body has the shape the document promises (every documented field, of its type). */
function expectDocumentedBody(method: ApiOperation['method'], route: string, response: request.Response): void {
  const parsed = documentedSchema(method, route, response.status).safeParse(response.body);
  expect({ route, issues: parsed.error?.issues ?? [] }).toEqual({ route, issues: [] });
}

describe('GET /openapi.json', () => {
  const stack = useTestStack({ env: { METRICS_TOKEN: 'openapi-test-metrics-token' } });
  let doc: Document;
  beforeAll(async () => {
    doc = (await request(stack.app).get('/openapi.json')).body;
  });

  test('When it is fetched, then it is OpenAPI 3 and documents exactly the mounted routes', () => {
    const documented = operationsOf(doc)
      .map(({ key }) => key)
      .sort();

    expect(doc.openapi).toMatch(/^3\./);
    const mounted = mountedRoutes(stack.express).map(({ method, path: route }) => `${method} ${toOpenApiPath(route)}`);
    expect(documented).toEqual(mounted.sort());
  });

  test('When it is fetched, then every operation has its own operationId and says who may call it', () => {
    const operations = operationsOf(doc);
    const ids = operations.map(({ operation }) => operation.operationId);

    expect(operations.filter(({ operation }) => !/^[a-z][A-Za-z]+$/.test(operation.operationId ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.filter(({ operation }) => !Array.isArray(operation.security))).toEqual([]);
    expect(doc.servers?.length).toBeGreaterThan(0);
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
    ['/v1/comment-counts', 'get', ['200', '400']],
    ['/v1/comments/{id}/reports', 'post', ['202', '400', '404', '409', '415', '429']],
    ['/v1/comments/{id}/recommendation', 'post', ['200', '404', '429']],
    ['/v1/comments/{id}/recommendation', 'delete', ['200', '404', '429']],
    ['/v1/moderation/comments/{id}/feature', 'post', ['200', '401', '404', '409']],
    ['/v1/moderation/comments/{id}/reports', 'get', ['200', '401', '404']],
    ['/healthz', 'get', ['200']],
    ['/readyz', 'get', ['200', '503']],
    ['/metrics', 'get', ['200']],
    ['/openapi.json', 'get', ['200']],
  ])('When the contract lists %s %s, then the document has it with statuses %j', (route, method, statuses) => {
    const operation = doc.paths[route]?.[method];
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
  });

  test('When Redocly lints it with its recommended rules, then there is no error, and no warning but the known ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sift-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const problems = await redoclyLint(dir, file);

      expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      const unexpected = problems.filter((problem) => !ACCEPTED_WARNINGS.has(`${problem.ruleId} ${problem.pointer}`));
      expect(unexpected).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('When each operation is called without a key, then it answers a documented status: 401 where the document asks for a key', async () => {
    const answers = [];
    for (const operation of apiOperations) {
      const response = await call(operation);
      answers.push({
        call: `${operation.method.toUpperCase()} ${operation.path}`,
        status: response.status,
        documented: documentedStatuses(operation),
      });
    }

    const needsCredentials = (call: string) => {
      const operation = apiOperations.find((candidate) => `${candidate.method.toUpperCase()} ${candidate.path}` === call)!;
      return !['public', 'publicOrReader', 'consoleSessionIfAny'].includes(operation.access);
    };
    expect(answers.filter(({ status, documented }) => !documented.includes(String(status)))).toEqual([]);
    expect(answers.filter(({ call: route, status }) => needsCredentials(route) !== (status === 401))).toEqual([]);
  });

  test("When each keyed operation is called with the admin key, then it answers a documented status; admin-only ones refuse a moderator's key with 403", async () => {
    const created = await apiClient(stack.app).createModerator(`openapi-${randomArticleId()}`);
    const keyed = apiOperations.filter((operation) => operation.access === 'moderator' || operation.access === 'admin');

    const answers = [];
    for (const operation of keyed) {
      const asAdmin = await call(operation, ADMIN_KEY);
      const asModerator = operation.access === 'admin' ? await call(operation, created.body.apiKey) : undefined;
      answers.push({
        call: `${operation.method.toUpperCase()} ${operation.path}`,
        admin: documentedStatuses(operation).includes(String(asAdmin.status)) ? 'documented' : asAdmin.status,
        moderator: asModerator?.status,
      });
    }

    expect(answers.filter(({ admin }) => admin !== 'documented')).toEqual([]);
    expect(answers.filter(({ call: route, moderator }) => route.includes('/admin/') !== (moderator === 403))).toEqual([]);
  });

  test('When a comment is posted, approved and read, then each answer has the shape the document gives it', async () => {
    const articleId = randomArticleId();
    const admin = apiClient(stack.app);
    const posted = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .send({ authorName: 'Ada', authorEmail: 'ada@example.org', body: 'Documented.' });
    const approved = await request(stack.app)
      .post(`/v1/moderation/comments/${posted.body.id}/approve`)
      .set('Authorization', `Bearer ${ADMIN_KEY}`);
    const answers: Array<[ApiOperation['method'], string, request.Response]> = [
      ['post', '/v1/articles/:articleId/comments', posted],
      ['post', '/v1/moderation/comments/:id/approve', approved],
      ['get', '/v1/articles/:articleId/comments', await request(stack.app).get(`/v1/articles/${articleId}/comments`)],
      ['get', '/v1/comments/:id', await request(stack.app).get(`/v1/comments/${posted.body.id}`)],
      [
        'get',
        '/v1/comments/:id/status',
        await request(stack.app).get(`/v1/comments/${posted.body.id}/status`).query({ token: posted.body.statusToken }),
      ],
      ['get', '/v1/moderation/comments', await admin.list({ articleId })],
      ['get', '/v1/moderation/comments/:id', await admin.view(posted.body.id)],
      ['get', '/v1/admin/moderators', await request(stack.app).get('/v1/admin/moderators').set('Authorization', `Bearer ${ADMIN_KEY}`)],
      ['get', '/readyz', await request(stack.app).get('/readyz')],
      ['post', '/v1/articles/:articleId/comments', await request(stack.app).post(`/v1/articles/${articleId}/comments`).send({ body: 1 })],
    ];

    expect(answers.map(([, route, response]) => [route, response.status])).toEqual([
      ['/v1/articles/:articleId/comments', 202],
      ['/v1/moderation/comments/:id/approve', 200],
      ['/v1/articles/:articleId/comments', 200],
      ['/v1/comments/:id', 200],
      ['/v1/comments/:id/status', 200],
      ['/v1/moderation/comments', 200],
      ['/v1/moderation/comments/:id', 200],
      ['/v1/admin/moderators', 200],
      ['/readyz', 200],
      ['/v1/articles/:articleId/comments', 400],
    ]);
    for (const [method, route, response] of answers) expectDocumentedBody(method, route, response);
  });

  test('When readers recommend, report and count, and moderators read the reports and pick, then each answer has the shape the document gives it', async () => {
    const articleId = randomArticleId();
    const admin = apiClient(stack.app);
    const id = await admin.postApproved(articleId);
    const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
    const answers: Array<[ApiOperation['method'], string, request.Response]> = [
      ['post', '/v1/comments/:id/recommendation', await request(stack.app).post(`/v1/comments/${id}/recommendation`)],
      ['delete', '/v1/comments/:id/recommendation', await request(stack.app).delete(`/v1/comments/${id}/recommendation`)],
      ['post', '/v1/comments/:id/reports', await request(stack.app).post(`/v1/comments/${id}/reports`).send({ reason: 'spam' })],
      [
        'get',
        '/v1/comment-counts',
        await request(stack.app)
          .get('/v1/comment-counts')
          .query({ articleIds: `${articleId},none-${articleId}` }),
      ],
      ['get', '/v1/articles/:articleId/comments', await request(stack.app).get(`/v1/articles/${articleId}/comments?sort=top`)],
      ['get', '/v1/moderation/comments', await admin.list({ status: 'reported', articleId })],
      ['get', '/v1/moderation/comments/:id/reports', await request(stack.app).get(`/v1/moderation/comments/${id}/reports`).set(auth)],
      ['post', '/v1/moderation/comments/:id/feature', await request(stack.app).post(`/v1/moderation/comments/${id}/feature`).set(auth)],
      ['get', '/v1/moderation/stats', await request(stack.app).get('/v1/moderation/stats').set(auth)],
    ];

    expect(answers.map(([, route, response]) => [route, response.status])).toEqual([
      ['/v1/comments/:id/recommendation', 200],
      ['/v1/comments/:id/recommendation', 200],
      ['/v1/comments/:id/reports', 202],
      ['/v1/comment-counts', 200],
      ['/v1/articles/:articleId/comments', 200],
      ['/v1/moderation/comments', 200],
      ['/v1/moderation/comments/:id/reports', 200],
      ['/v1/moderation/comments/:id/feature', 200],
      ['/v1/moderation/stats', 200],
    ]);
    for (const [method, route, response] of answers) expectDocumentedBody(method, route, response);
  });

  /** One request to the operation's route, with the given key (or none), and no body. */
  function call(operation: ApiOperation, key?: string): request.Test {
    const url = pathFor({ method: operation.method, path: operation.path }, PARAMS);
    let test = request(stack.app)[operation.method](url);
    if (key) test = test.set('Authorization', `Bearer ${key}`);
    return test;
  }
});

const built = buildOpenApiDocument() as unknown as Document;

/** The statuses the document lists for an operation, with those its access and its body add. */
function documentedStatuses(operation: ApiOperation): string[] {
  return Object.keys(built.paths[toOpenApiPath(operation.path)][operation.method].responses);
}

/**
 * Warnings of the recommended rules that the document keeps on purpose: Sift is not published under
 * a licence (package.json: UNLICENSED), and these operations never answer a 4xx.
 */
const ACCEPTED_WARNINGS = new Set([
  'info-license #/info',
  ...['/healthz', '/readyz', '/openapi.json', '/widget.js', '/widget.css', '/counts.js', '/demo.css', '/moderate'].map(
    (route) => `operation-4xx-response #/paths/${route.replace(/\//g, '~1')}/get/responses`,
  ),
]);

interface Problem {
  severity: string;
  ruleId: string;
  pointer: string;
  message: string;
}

/** `redocly lint` with the built-in recommended rules, run where no redocly.yaml can change them. */
async function redoclyLint(cwd: string, file: string): Promise<Problem[]> {
  const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const run = promisify(execFile);
  // Exit code 1 when there are errors: the report on stdout is what counts.
  const { stdout } = await run(process.execPath, [cli, 'lint', '--extends=recommended', '--format=json', file], {
    cwd,
    env,
    maxBuffer: 32 << 20,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as {
    problems: Array<{ severity: string; ruleId: string; message: string; location: Array<{ pointer: string }> }>;
  };
  return report.problems.map(({ severity, ruleId, message, location }) => ({
    severity,
    ruleId,
    message,
    pointer: location[0]?.pointer ?? '',
  }));
}
