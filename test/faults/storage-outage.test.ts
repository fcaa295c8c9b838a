import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { migrate } from '../../src/db/migrate';
import { startLocalPostgres, type LocalPostgres } from '../../tools/local-services';
import { buildComment, randomArticleId } from '../helpers/factories';
import { isModeratorRoute, mountedRoutes, pathFor, type MountedRoute } from '../helpers/routes';
import { ADMIN_KEY } from '../helpers/test-stack';
import { startFaultStack, type FaultStack } from './fault-stack';

/**
 * Every mounted route while PostgreSQL cannot be used: never a 500. A route that needs PostgreSQL
 * answers 503 `storage_unavailable` in the contract's shape, whoever asks (a moderator's key is
 * looked up in PostgreSQL too); only POSTs that create one thing atomically say that nothing was
 * stored. The routes are found in Express's router, so a new one is walked without being listed.
 */

/** Routes that answer without PostgreSQL, and what they answer while it is away. */
const WITHOUT_POSTGRES: Record<string, number> = {
  'GET /healthz': 200,
  'GET /readyz': 503,
  // Without METRICS_TOKEN the API port does not serve metrics (issue 16): 404, PostgreSQL or not.
  'GET /metrics': 404,
  'GET /openapi.json': 200,
  'GET /widget.js': 200,
  'GET /widget.css': 200,
  'GET /counts.js': 200,
  'GET /demo.css': 200,
  'GET /demo/:articleId': 200,
  'GET /moderate': 200,
  // No such build: the console's files are served from memory.
  'GET /moderate/assets/:build/:file': 404,
  // Without a session cookie: nothing to look up.
  'GET /moderate/session': 401,
  'DELETE /moderate/session': 204,
  // The unsubscribe link's confirmation page checks the token's MAC and reads nothing.
  'GET /v1/notifications/unsubscribe': 200,
};

/** POSTs that create one thing in one statement or transaction: their 503 promises nothing was stored. */
const ATOMIC_CREATES = new Set([
  'POST /v1/articles/:articleId/comments',
  'POST /v1/comments/:id/reports',
  'POST /v1/admin/moderators',
  'POST /v1/admin/webhooks',
]);

const commentId = randomUUID();

/** A valid body for each route that takes one, so that the request gets as far as PostgreSQL. */
const BODIES: Record<string, object> = {
  'POST /v1/articles/:articleId/comments': buildComment(),
  'POST /v1/comments/:id/reports': { reason: 'spam' },
  'POST /v1/admin/moderators': { name: 'During the outage' },
  'POST /v1/admin/webhooks': { url: 'http://127.0.0.1:9/hook', events: ['comment.approved'] },
  'POST /v1/admin/privacy/export': { email: 'reader@example.org' },
  'POST /v1/admin/privacy/erase': { email: 'reader@example.org', mode: 'anonymise' },
  'POST /v1/moderation/comments/bulk': { action: 'approve', ids: [commentId] },
  'POST /v1/moderation/word-lists/:list/terms': { terms: ['zorbleflex'] },
  'POST /v1/moderation/bans': { email: 'banned@example.org' },
  'PUT /v1/moderation/articles/:articleId/premoderation': { enabled: true },
  'PUT /v1/moderation/trust': { minApproved: 3 },
  'POST /moderate/session': { key: ADMIN_KEY },
};

const PARAMS: Record<string, string> = {
  articleId: 'outage-article',
  id: commentId,
  deliveryId: randomUUID(),
  list: 'banned',
  term: 'zorbleflex',
  build: 'no-such-build',
  file: 'app.js',
};

const key = (route: MountedRoute) => `${route.method} ${route.path}`;

function send(stack: FaultStack, route: MountedRoute, authorization?: string): request.Test {
  let call = request(stack.app)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](pathFor(route, PARAMS));
  if (route.path === '/v1/comments/:id/status') call = call.query({ token: stack.services.statusTokens.issue(commentId) });
  if (route.path === '/v1/notifications/unsubscribe') call = call.query({ token: stack.services.unsubscribeTokens.issue(commentId) });
  if (route.path === '/v1/comment-counts') call = call.query({ articleIds: 'outage-article' });
  if (authorization) call = call.set('Authorization', authorization);
  // The console's sign-in takes requests from the server's own pages only.
  if (route.path === '/moderate/session') call = call.set('Origin', stack.url);
  const body = BODIES[key(route)];
  return body ? call.send(body) : call;
}

/** Walks every route with each of `keys` (public routes once, without a key) and returns what each answered. */
async function walk(stack: FaultStack, keys: Record<string, string>): Promise<Array<{ call: string; status: number; body: unknown }>> {
  const answers = [];
  for (const route of mountedRoutes(stack.express)) {
    const callers = isModeratorRoute(route) ? Object.entries(keys) : [['public', '']];
    for (const [who, secret] of callers) {
      const response = await send(stack, route, secret ? `Bearer ${secret}` : undefined);
      answers.push({ call: `${key(route)} (${who})`, status: response.status, body: response.body as unknown });
    }
  }
  return answers;
}

/** What each route should answer while PostgreSQL is away. */
function expected(call: string): { status: number; body?: unknown } {
  const route = call.replace(/ \(.*\)$/, '');
  if (route in WITHOUT_POSTGRES) return { status: WITHOUT_POSTGRES[route] };
  const message = ATOMIC_CREATES.has(route) ? expect.stringMatching(/nothing was stored/) : expect.not.stringMatching(/nothing was stored/);
  return { status: 503, body: { error: { code: 'storage_unavailable', message } } };
}

function expectOutageAnswers(answers: Array<{ call: string; status: number; body: unknown }>): void {
  // One assertion over the whole walk, so a failure lists every route that answered wrongly.
  const wrong = answers.filter(({ call, status }) => status !== expected(call).status);
  expect(wrong).toEqual([]);
  for (const { call, body } of answers) {
    const { body: shape } = expected(call);
    if (shape) expect({ call, body }).toEqual({ call, body: shape });
  }
}

describe('Every route, PostgreSQL stopped', () => {
  let pg: LocalPostgres;
  let stack: FaultStack;
  let moderatorKey: string;

  beforeAll(async () => {
    pg = await startLocalPostgres();
    await migrate(pg.url('sift'));
    stack = await startFaultStack({
      DATABASE_URL: pg.url('sift'),
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '3000',
      WEBHOOK_ALLOW_PRIVATE: '1',
    });
    const created = await request(stack.app)
      .post('/v1/admin/moderators')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .send({ name: 'Priya' });
    expect(created.status).toBe(201);
    moderatorKey = created.body.apiKey;
    await pg.stop();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await pg?.destroy();
  });

  test('When any route is called, with a moderator key or the admin key, then never a 500: 503 storage_unavailable where PostgreSQL is needed', async () => {
    const answers = await walk(stack, { moderator: moderatorKey, admin: ADMIN_KEY });

    expect(answers.length).toBeGreaterThan(40);
    expectOutageAnswers(answers);
    expect(answers.find((a) => a.call === 'GET /readyz (public)')?.body).toEqual({ postgres: 'down', redis: 'up' });
  }, 120_000);

  test('When a protected route is called without a key, then 401 as always (no PostgreSQL needed to refuse)', async () => {
    const routes = mountedRoutes(stack.express).filter(isModeratorRoute);

    const statuses = await Promise.all(routes.map(async (route) => [key(route), (await send(stack, route)).status] as const));

    expect(statuses.filter(([, status]) => status !== 401)).toEqual([]);
  });

  test('When requests fail during the outage, then its cause is logged once as a warning, not once per request', async () => {
    await walk(stack, { admin: ADMIN_KEY });

    const lines = stack.logs.lines.map((line) => JSON.parse(line) as { level: number; msg: string; cause?: { message: string } });
    const warnings = lines.filter((line) => line.level === 40 && line.msg === 'PostgreSQL unavailable');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].cause!.message).toMatch(/ECONNREFUSED|connect|terminat/i);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  }, 120_000);
});

describe('Every route, database missing', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    const missing = new URL(process.env.SIFT_TEST_DATABASE_URL!);
    missing.pathname = `/sift_missing_${randomBytes(4).toString('hex')}`;
    stack = await startFaultStack({ DATABASE_URL: missing.toString(), DB_CONNECT_TIMEOUT_MS: '1000', WEBHOOK_ALLOW_PRIVATE: '1' });
  });
  afterAll(() => stack?.close());

  test('When DATABASE_URL names a database that does not exist, then every route that needs it is 503 storage_unavailable, never 500', async () => {
    const answers = await walk(stack, { moderator: `sift_${randomBytes(32).toString('base64url')}`, admin: ADMIN_KEY });

    expectOutageAnswers(answers);
    const post = await request(stack.app).post(`/v1/articles/${randomArticleId()}/comments`).send(buildComment());
    expect(post.status).toBe(503);
  }, 120_000);
});
