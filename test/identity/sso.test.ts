import request from 'supertest';
import { exportJWK, exportSPKI, generateKeyPair, type KeyLike } from 'jose';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';
import { newsroomClient } from '../newsroom/newsroom-helpers';
import { jwksServer, readerClaims, signToken, unsignedToken } from './sso-tokens';

const SECRET = 'sso-shared-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://news.example';
const AUDIENCE = 'sift-comments';
const secretKey = new TextEncoder().encode(SECRET);
const admin = { Authorization: `Bearer ${ADMIN_KEY}` };
const text = { body: 'The council should publish the full figures before the vote.' };

/** The claims a correctly configured site signs: its issuer and Sift's audience. */
const siteClaims = (overrides: Record<string, unknown> = {}) => readerClaims({ iss: ISSUER, aud: AUDIENCE, ...overrides });

describe('POST /v1/articles/:articleId/comments with a signed-in reader (HS256)', () => {
  const stack = useTestStack({
    worker: true,
    env: {
      SSO_HS256_SECRET: SECRET,
      SSO_ISSUER: ISSUER,
      SSO_AUDIENCE: AUDIENCE,
      // Every comment that is not clear spam is borderline, so trust decides it (as in test/newsroom/trust.test.ts).
      SPAM_HOLD_THRESHOLD: '0',
      TRUST_MIN_APPROVED: '2',
      HOLD_FIRST_COMMENT_WITH_LINK: 'false',
    },
  });

  const postAs = (articleId: string, token: string, body: object = text) =>
    request(stack.app).post(`/v1/articles/${articleId}/comments`).set('Authorization', `Bearer ${token}`).send(body);

  async function postAndDecide(token: string, body: object = text) {
    const response = await postAs(randomArticleId(), token, body);
    expect(response.status).toBe(202);
    return { id: response.body.id as string, status: await waitForDecision(stack.services.db, response.body.id) };
  }

  test('When the token is valid, then the name and address come from it, the form sends only the text, and the badge shows publicly', async () => {
    const articleId = randomArticleId();
    const claims = siteClaims({ name: 'Dana Editor', badge: 'Staff' });

    const token = await signToken(claims, secretKey);
    const posted = await postAs(articleId, token, { ...text, authorName: 'Someone Else', authorEmail: 'else@example.org' });

    expect(posted.status).toBe(202);
    const view = await request(stack.app).get(`/v1/moderation/comments/${posted.body.id}`).set(admin);
    expect(view.body).toMatchObject({ authorName: 'Dana Editor', authorEmail: claims.email, signedIn: true, badge: 'Staff' });
    await apiClient(stack.app).moderate(posted.body.id, 'approve');
    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(page.body.comments).toEqual([expect.objectContaining({ id: posted.body.id, authorName: 'Dana Editor', badge: 'Staff' })]);
    expect(JSON.stringify(page.body)).not.toContain(String(claims.email));
    expect(JSON.stringify(page.body)).not.toContain(String(claims.sub));
    expect(stack.logs.text).not.toContain(String(claims.email));
    expect(stack.logs.text).not.toContain(token.split('.')[1]);
  });

  test('When a comment is posted without a token, then it works as before and has no badge', async () => {
    const articleId = randomArticleId();
    const id = await apiClient(stack.app).postApproved(articleId);

    const one = await request(stack.app).get(`/v1/comments/${id}`);

    expect(one.body).toMatchObject({ id, badge: null });
  });

  test('When the badge is not on the allow-list, then the comment is taken without one', async () => {
    const posted = await postAs(randomArticleId(), await signToken(siteClaims({ badge: 'Administrator' }), secretKey));

    expect(posted.status).toBe(202);
    const view = await request(stack.app).get(`/v1/moderation/comments/${posted.body.id}`).set(admin);
    expect(view.body.badge).toBeNull();
  });

  const refusals: Array<[string, () => string | Promise<string>, RegExp]> = [
    ['expired', () => signToken(siteClaims({ exp: Math.floor(Date.now() / 1000) - 120 }), secretKey), /expired/],
    ['signed with another secret', () => signToken(siteClaims(), new TextEncoder().encode(`${SECRET}-forged`)), /signature/],
    ['unsigned (alg: none)', () => unsignedToken(siteClaims()), /algorithm/],
    ['signed with HS512', () => signToken(siteClaims(), new TextEncoder().encode(SECRET.repeat(2)), { alg: 'HS512' }), /algorithm/],
    ['from another issuer', () => signToken(siteClaims({ iss: 'https://evil.example' }), secretKey), /issuer/],
    ['for another audience', () => signToken(siteClaims({ aud: 'another-service' }), secretKey), /audience/],
    ['without an email claim', () => signToken(siteClaims({ email: undefined }), secretKey), /"email" claim/],
    ['without an expiry', () => signToken(siteClaims(), secretKey, { alg: 'HS256', expiresIn: null }), /"exp" claim/],
    ['not a JWT at all', () => 'not-a-token', /well-formed/],
  ];
  test.each(refusals)('When the token is %s, then 401 in the error shape and nothing is stored', async (_what, token, message) => {
    const articleId = randomArticleId();

    const response = await postAs(articleId, await token());

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'invalid_sso_token', message: expect.stringMatching(message) } });
    const stored = await request(stack.app).get('/v1/moderation/comments').query({ articleId }).set(admin);
    expect(stored.body.total).toBe(0);
  });

  test('When the Authorization header is not a Bearer token, then 401 says so', async () => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', 'Basic dXNlcjpwYXNz')
      .send(buildComment());

    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'invalid_sso_token', message: expect.stringContaining('Bearer') });
  });

  test('When a signed-in reader changes address, then trust follows their id, and someone typing their old address gets none of it', async () => {
    const sub = `trusted-${Date.now()}`;
    for (let i = 0; i < 2; i++) {
      const earned = await postAndDecide(await signToken(siteClaims({ sub, email: 'old.address@example.org' }), secretKey), {
        body: `Comment ${i}: the figures should be published in full.`,
      });
      expect(earned.status).toBe('held');
      await apiClient(stack.app).moderate(earned.id, 'approve');
    }

    const asReader = await postAndDecide(await signToken(siteClaims({ sub, email: 'new.address@example.org' }), secretKey));
    const impostor = await newsroomClient(stack.app, stack.services.db).postAndDecide(randomArticleId(), {
      ...text,
      authorEmail: 'old.address@example.org',
    });

    expect(asReader.status).toBe('approved');
    expect(await newsroomClient(stack.app, stack.services.db).lastRule(asReader.id)).toBe('trusted');
    expect(impostor.status).toBe('held');
  });

  test("When a moderator bans a signed-in reader from their comment, then the ban follows the reader's id, not an address", async () => {
    const sub = `banned-${Date.now()}`;
    const first = await postAndDecide(await signToken(siteClaims({ sub, email: 'first@example.org' }), secretKey));
    const mod = newsroomClient(stack.app, stack.services.db);

    const ban = await mod.ban({ commentId: first.id, reason: 'abusive replies' });
    const again = await postAndDecide(await signToken(siteClaims({ sub, email: 'second@example.org' }), secretKey));
    const someoneWithTheAddress = await mod.postAndDecide(randomArticleId(), { ...text, authorEmail: 'first@example.org' });

    expect(ban.kind).toBe('reader');
    expect(again.status).toBe('rejected');
    expect(await mod.lastRule(again.id)).toBe('ban');
    expect(someoneWithTheAddress.status).not.toBe('rejected');
  });

  test("When an admin bans a reader by the site's id for them, then their next comment is rejected", async () => {
    const sub = `by-id-${Date.now()}`;
    const mod = newsroomClient(stack.app, stack.services.db);

    await mod.ban({ ssoSubject: sub });
    const next = await postAndDecide(await signToken(siteClaims({ sub }), secretKey));

    expect(next.status).toBe('rejected');
  });

  test('When a reader asks for their data by the address in their token, then their signed-in comments are in the export', async () => {
    const claims = siteClaims();
    const posted = await postAs(randomArticleId(), await signToken(claims, secretKey));

    const exported = await request(stack.app).post('/v1/admin/privacy/export').set(admin).send({ email: claims.email });

    expect(exported.status).toBe(200);
    expect(exported.body.comments.map((c: { id: string }) => c.id)).toContain(posted.body.id);
  });
});

describe('POST /v1/articles/:articleId/comments with a token when SSO is not configured', () => {
  const stack = useTestStack();

  test('When a token is sent, then 400 sso_not_configured, and without one the post works as today', async () => {
    const articleId = randomArticleId();
    const token = await signToken(readerClaims(), secretKey);

    const withToken = await request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send(text);
    const without = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(buildComment());

    expect(withToken.status).toBe(400);
    expect(withToken.body.error).toMatchObject({ code: 'sso_not_configured', message: expect.stringContaining('SSO') });
    expect(without.status).toBe(202);
  });
});

describe('POST /v1/articles/:articleId/comments with an RS256 public key (SSO_PUBLIC_KEY)', () => {
  let privateKey: KeyLike;
  let publicPem: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { modulusLength: 2048 });
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
  });
  const stack = useTestStack(() => ({ env: { SSO_PUBLIC_KEY: publicPem.replace(/\n/g, '\\n') } }));

  test('When the site signs with its private key, then the comment is taken', async () => {
    const token = await signToken(readerClaims(), privateKey, { alg: 'RS256' });

    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send(text);

    expect(response.status).toBe(202);
  });

  test('When a token is signed HS256 with the public key as the secret (algorithm confusion), then 401', async () => {
    const token = await signToken(readerClaims(), new TextEncoder().encode(publicPem), { alg: 'HS256' });

    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send(text);

    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/algorithm/);
  });
});

describe('POST /v1/articles/:articleId/comments with an ES256 key set (SSO_JWKS_URL)', () => {
  let privateKey: KeyLike;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let hung: Awaited<ReturnType<typeof jwksServer>>;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'site-2024', alg: 'ES256', use: 'sig' };
    jwks = await jwksServer(() => ({ keys: [jwk] }));
    hung = await jwksServer(() => ({ keys: [jwk] }));
    hung.hang(true);
  });
  afterAll(async () => {
    await jwks.close();
    await hung.close();
  });
  const stack = useTestStack(() => ({ env: { SSO_JWKS_URL: jwks.url } }));
  const unreachable = useTestStack(() => ({ shareDatabaseWith: stack, env: { SSO_JWKS_URL: hung.url, SSO_JWKS_TIMEOUT_MS: '300' } }));

  test('When tokens name a key in the set, then they are taken and the set is fetched once', async () => {
    const post = async () =>
      request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('Authorization', `Bearer ${await signToken(readerClaims(), privateKey, { alg: 'ES256', kid: 'site-2024' })}`)
        .send(text);

    const answers = [await post(), await post(), await post()];

    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(jwks.requests()).toBe(1);
  });

  test('When a token names a key the set does not have, then 401', async () => {
    const other = await generateKeyPair('ES256');
    const token = await signToken(readerClaims(), other.privateKey, { alg: 'ES256', kid: 'unknown-key' });

    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send(text);

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_sso_token');
  });

  test('When the key set does not answer, then 503 sso_unavailable within the timeout, not a hang', async () => {
    const token = await signToken(readerClaims(), privateKey, { alg: 'ES256', kid: 'site-2024' });
    const started = Date.now();

    const response = await request(unreachable.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send(text);

    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('sso_unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
