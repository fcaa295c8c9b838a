import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { isModeratorRoute, mountedRoutes, pathFor } from '../helpers/routes';
import { ADMIN_KEY, useTestStack, withTestStack, type TestStack } from '../helpers/test-stack';

/** A console session through HTTP, as the console's page holds it: its cookie and its CSRF token. */
async function signIn(stack: TestStack, key: string, headers: Record<string, string> = {}) {
  const response = await request(stack.app).post('/moderate/session').set('Origin', stack.url).set(headers).send({ key });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie = response.headers['set-cookie'][0].split(';')[0];
  return { cookie, csrf: response.body.csrfToken as string, setCookie: response.headers['set-cookie'][0], body: response.body };
}

describe('POST/GET/DELETE /moderate/session and session-authenticated calls', () => {
  const stack = useTestStack({ env: { CONSOLE_SIGNIN_LIMIT: '3/900s', TRUST_PROXY: 'loopback' } });
  let client: ReturnType<typeof apiClient>;
  let moderator: { name: string; key: string; id: string };

  beforeAll(async () => {
    client = apiClient(stack.app);
    const name = `Mod ${randomArticleId('s')}`;
    const created = (await client.createModerator(name)).body;
    moderator = { name, key: created.apiKey, id: created.id };
  });

  test('When a moderator signs in with their key, then the cookie is HttpOnly and SameSite=Strict, and calls with it and the CSRF token act under their name', async () => {
    const id = await client.post(randomArticleId());
    const session = await signIn(stack, moderator.key);

    expect(session.setCookie).toMatch(/^sift_console=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28\d{3}; HttpOnly; SameSite=Strict$/);
    expect(session.body).toMatchObject({ name: moderator.name, role: 'moderator', csrfToken: expect.any(String) });
    const approved = await request(stack.app)
      .post(`/v1/moderation/comments/${id}/approve`)
      .set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf, Origin: stack.url });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: moderator.name });
    const [event] = await stack.services.db.query<{ actor: string; moderator_id: string }>(
      "SELECT actor, moderator_id FROM moderation_events WHERE comment_id = $1 AND actor <> 'auto'",
      [id],
    );
    expect(event).toEqual({ actor: moderator.name, moderator_id: moderator.id });
  });

  test('When the request comes over HTTPS through a trusted proxy, then the cookie is __Host- and Secure', async () => {
    const session = await signIn(stack, moderator.key, { 'X-Forwarded-Proto': 'https', Origin: stack.url.replace('http:', 'https:') });

    expect(session.setCookie).toMatch(/^__Host-sift_console=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/);
    const headers = { Cookie: session.cookie, 'X-CSRF-Token': session.csrf };
    const plain = await request(stack.app).get('/moderate/session').set(headers);
    const secure = await request(stack.app).get('/moderate/session').set(headers).set('X-Forwarded-Proto', 'https');
    expect([plain.status, secure.status]).toEqual([401, 200]);
  });

  test('When a state-changing call carries the cookie without the CSRF token, or a wrong one, then 403 and nothing changes', async () => {
    const id = await client.post(randomArticleId());
    const session = await signIn(stack, moderator.key);

    const without = await request(stack.app).post(`/v1/moderation/comments/${id}/spam`).set({ Cookie: session.cookie, Origin: stack.url });
    const wrong = await request(stack.app)
      .post(`/v1/moderation/comments/${id}/spam`)
      .set({ Cookie: session.cookie, Origin: stack.url, 'X-CSRF-Token': session.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });

    expect([without.status, without.body.error.code, wrong.status, wrong.body.error.code]).toEqual([
      403,
      'csrf_failed',
      403,
      'csrf_failed',
    ]);
    expect((await client.view(id)).body.status).toBe('pending');
  });

  test('When a stolen cookie is replayed without its token, then no endpoint gives the token and every call with the cookie is refused', async () => {
    const articleId = randomArticleId();
    const id = await client.post(articleId);
    const session = await signIn(stack, ADMIN_KEY);
    const stolen = { Cookie: session.cookie, Origin: stack.url };
    const params = { id, deliveryId: id, articleId, list: 'banned', term: 'zorbleflex' };
    const routes = [
      ...mountedRoutes(stack.express).filter(isModeratorRoute),
      { method: 'GET', path: '/moderate/session' },
      { method: 'DELETE', path: '/moderate/session' },
    ];

    const answers = await Promise.all(
      routes.map(async (route) => {
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
        const response = await request(stack.app)[method](pathFor(route, params)).set(stolen);
        return `${route.method} ${route.path} ${response.status} ${response.body?.error?.code}${response.text.includes(session.csrf) ? ' with the token' : ''}`;
      }),
    );

    expect(routes.filter((route) => route.method !== 'GET').length).toBeGreaterThan(15);
    expect(answers).toEqual(routes.map((route) => `${route.method} ${route.path} 403 csrf_failed`));
    expect((await client.view(id)).body.status).toBe('pending');
    // The session itself lives on for the page that holds the token.
    const who = await request(stack.app).get('/moderate/session').set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf });
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ name: 'admin', role: 'admin', expiresAt: session.body.expiresAt });
  });

  test('When a second tab signs in with the same key, then it joins the session and the first tab keeps working; another key ends it', async () => {
    const first = await signIn(stack, moderator.key);
    const list = (session: { cookie: string; csrf: string }) =>
      request(stack.app).get('/v1/moderation/comments').set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf });

    const again = await signIn(stack, moderator.key, { Cookie: first.cookie });
    const firstTabThen = await list(first);
    const other = await signIn(stack, ADMIN_KEY, { Cookie: first.cookie });

    expect([again.cookie, again.csrf]).toEqual([first.cookie, first.csrf]);
    expect(firstTabThen.status).toBe(200);
    expect(other.cookie).not.toBe(first.cookie);
    expect([(await list(first)).status, (await list(other)).status]).toEqual([401, 200]);
  });

  test('When a page on another origin makes the call, then 403 even with the cookie and the token, and a sign-in from there is refused', async () => {
    const id = await client.post(randomArticleId());
    const session = await signIn(stack, moderator.key);

    const crossSite = await request(stack.app)
      .post(`/v1/moderation/comments/${id}/approve`)
      .set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf, Origin: 'https://evil.example' });
    const noOrigin = await request(stack.app)
      .post(`/v1/moderation/comments/${id}/approve`)
      .set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Sec-Fetch-Site': 'cross-site' });
    const signInFromElsewhere = await request(stack.app)
      .post('/moderate/session')
      .set('Origin', 'https://evil.example')
      .send({ key: moderator.key });

    expect([crossSite.status, crossSite.body.error.code, noOrigin.status]).toEqual([403, 'cross_origin', 403]);
    expect([signInFromElsewhere.status, signInFromElsewhere.headers['set-cookie']]).toEqual([403, undefined]);
    expect((await client.view(id)).body.status).toBe('pending');
  });

  test('When a moderator signs out, then the cookie is cleared and the session is refused from then on', async () => {
    const session = await signIn(stack, moderator.key);
    const headers = { Cookie: session.cookie, 'X-CSRF-Token': session.csrf };

    const out = await request(stack.app)
      .delete('/moderate/session')
      .set({ ...headers, Origin: stack.url });

    expect(out.status).toBe(204);
    expect(out.headers['set-cookie'][0]).toMatch(/^sift_console=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    expect((await request(stack.app).get('/v1/moderation/comments').set(headers)).status).toBe(401);
    expect((await request(stack.app).get('/moderate/session').set(headers)).status).toBe(401);
  });

  test('When a session has been idle too long, or the moderator is revoked, then it is refused', async () => {
    const idle = await signIn(stack, moderator.key);
    const name = `Revoked ${randomArticleId('r')}`;
    const revokedKey = (await client.createModerator(name)).body.apiKey;
    const revoked = await signIn(stack, revokedKey);

    await stack.services.db.query("UPDATE console_sessions SET last_seen_at = now() - interval '31 minutes' WHERE name = $1", [
      moderator.name,
    ]);
    await stack.services.db.query('UPDATE moderators SET revoked_at = now() WHERE name = $1', [name]);

    for (const session of [idle, revoked]) {
      const response = await request(stack.app)
        .get('/v1/moderation/comments')
        .set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf });
      expect(response.status).toBe(401);
    }
  });

  test('When ADMIN_API_KEY changes, then sessions opened with the old admin key end', async () => {
    const session = await signIn(stack, ADMIN_KEY);
    await withTestStack({ shareDatabaseWith: stack, env: { ADMIN_API_KEY: 'a-brand-new-admin-key-0123456789' } }, async (rotated) => {
      const headers = { Cookie: session.cookie, 'X-CSRF-Token': session.csrf };
      expect((await request(stack.app).get('/v1/moderation/comments').set(headers)).status).toBe(200);
      expect((await request(rotated.app).get('/v1/moderation/comments').set(headers)).status).toBe(401);
    });
  });

  test('When the session reads comments, then no email address is in the answers except the one asked for', async () => {
    const email = `asked.${randomArticleId('e')}@example.org`;
    const id = await client.post(randomArticleId(), { authorEmail: email });
    const session = await signIn(stack, ADMIN_KEY);
    const headers = { Cookie: session.cookie, 'X-CSRF-Token': session.csrf };

    const list = await request(stack.app).get('/v1/moderation/comments').set(headers);
    const one = await request(stack.app).get(`/v1/moderation/comments/${id}`).set(headers);
    const asked = await request(stack.app).get(`/v1/moderation/comments/${id}/email`).set(headers);
    const withKey = await client.view(id);

    expect(list.text).not.toContain(email);
    expect(one.body).not.toHaveProperty('authorEmail');
    expect(asked.body).toEqual({ commentId: id, authorEmail: email });
    expect(withKey.body.authorEmail).toBe(email);
    expect(stack.logs.text).toContain('author email shown to a moderator');
    expect(stack.logs.text).not.toContain(email);
  });

  test('When a Bearer key comes with a cookie, then the key decides and the cookie is ignored', async () => {
    const session = await signIn(stack, ADMIN_KEY);

    const wrongKey = await request(stack.app)
      .get('/v1/moderation/comments')
      .set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf, Authorization: 'Bearer nope-nope-nope' });
    const moderatorOnAdmin = await request(stack.app)
      .post('/v1/admin/moderators')
      .set({ Cookie: session.cookie, Authorization: `Bearer ${moderator.key}` })
      .send({ name: 'x' });

    expect([wrongKey.status, moderatorOnAdmin.status]).toEqual([401, 403]);
  });

  test('When wrong keys keep coming from one address, then the sign-in answers 429 with Retry-After after the limit', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.77' };
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push(
        (
          await request(stack.app)
            .post('/moderate/session')
            .set({ ...from, Origin: stack.url })
            .send({ key: `wrong-key-${i}` })
        ).status,
      );
    }
    const right = await request(stack.app)
      .post('/moderate/session')
      .set({ ...from, Origin: stack.url })
      .send({ key: moderator.key });
    const elsewhere = await request(stack.app)
      .post('/moderate/session')
      .set({ 'X-Forwarded-For': '203.0.113.78', Origin: stack.url })
      .send({ key: moderator.key });

    expect(answers).toEqual([401, 401, 401, 429]);
    expect([right.status, Number(right.headers['retry-after']) > 0]).toEqual([429, true]);
    expect(right.body.error.code).toBe('rate_limited');
    expect(elsewhere.status).toBe(200);
  });
});

describe('GET /moderate and its files', () => {
  const stack = useTestStack();

  test('When the page is fetched, then it has the Key field and Sign in button, no inline script or style, and a self-only CSP', async () => {
    const page = await request(stack.app).get('/moderate');

    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label for="sign-in-key">Key<\/label>/);
    expect(page.text).toMatch(/<button type="submit" class="primary">Sign in<\/button>/);
    expect(page.text).toContain('<html lang="en" data-undo-seconds="5">');
    expect(page.text).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/i);
    expect(page.text).not.toMatch(/https?:\/\//);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe|https?:/);
  });

  test('When an asset is fetched, then it is gzipped, fingerprinted and cacheable for a year; another build is a 404', async () => {
    const page = await request(stack.app).get('/moderate');
    const script = /src="(\/moderate\/assets\/[0-9a-f]{16}\/app\.js)"/.exec(page.text)![1];

    const asset = await request(stack.app).get(script).set('Accept-Encoding', 'gzip');
    const stale = await request(stack.app).get(script.replace(/[0-9a-f]{16}/, '0'.repeat(16)));

    expect(asset.status).toBe(200);
    expect(asset.headers).toMatchObject({
      'content-type': 'application/javascript; charset=utf-8',
      'content-encoding': 'gzip',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(stale.status).toBe(404);
  });
});
