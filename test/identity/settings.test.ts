import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/config';
import { rotateEmailKeys } from '../../src/privacy/rotate-keys';
import { createSecrets } from '../../src/privacy/secrets';
import { createUnsubscribeTokens } from '../../src/notify/unsubscribe-tokens';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { readerClaims, signToken } from './sso-tokens';
import request from 'supertest';

const pem = (type: 'rsa' | 'ec', options: { modulusLength?: number; namedCurve?: string }) => {
  const { publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: options.modulusLength! })
      : generateKeyPairSync('ec', { namedCurve: options.namedCurve! });
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
};

describe('SSO and reply-notification settings (src/config.ts)', () => {
  test('When no SSO key or SMTP server is set, then both are off', () => {
    const config = loadConfig({});
    expect(config.sso).toBeNull();
    expect(config.smtp).toBeNull();
  });

  test('When SSO_PUBLIC_KEY is an RSA or a P-256 key (on one line with \\n), then RS256 or ES256 is the only algorithm', () => {
    const rsa = loadConfig({ SSO_PUBLIC_KEY: pem('rsa', { modulusLength: 2048 }).replace(/\n/g, '\\n') });
    const ec = loadConfig({ SSO_PUBLIC_KEY: pem('ec', { namedCurve: 'P-256' }) });
    expect(rsa.sso?.key).toMatchObject({ kind: 'public-key', algorithm: 'RS256' });
    expect(ec.sso?.key).toMatchObject({ kind: 'public-key', algorithm: 'ES256' });
  });

  test.each([
    ['SSO_HS256_SECRET', { SSO_HS256_SECRET: 'too-short' }],
    ['SSO_PUBLIC_KEY', { SSO_PUBLIC_KEY: 'not a key' }],
    ['SSO_PUBLIC_KEY', { SSO_PUBLIC_KEY: pem('rsa', { modulusLength: 1024 }) }],
    ['SSO_PUBLIC_KEY', { SSO_PUBLIC_KEY: pem('ec', { namedCurve: 'P-384' }) }],
    ['SSO_JWKS_URL', { SSO_JWKS_URL: 'ftp://keys.example/jwks.json' }],
    ['SSO_PUBLIC_KEY', { SSO_HS256_SECRET: 'x'.repeat(32), SSO_PUBLIC_KEY: pem('ec', { namedCurve: 'P-256' }) }],
    ['SSO_BADGES', { SSO_BADGES: 'Staff,<b>Boss</b>' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example' }],
    ['SMTP_FROM', { SMTP_URL: 'smtp://mail.example:587' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'comments.example' }],
  ])('When %s is wrong, then start-up fails naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});

describe('Unsubscribe links (src/notify/unsubscribe-tokens.ts)', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

  test("When SECRET_KEY rotates, then links made under the previous key still work, and other keys' links do not", () => {
    const [oldKey, newKey] = ['a1'.repeat(32), 'b2'.repeat(32)];
    const issued = createUnsubscribeTokens(oldKey).issue(id);

    expect(createUnsubscribeTokens(newKey, [oldKey]).verify(issued)).toBe(id);
    expect(createUnsubscribeTokens(newKey).verify(issued)).toBeNull();
    expect(createUnsubscribeTokens(oldKey).verify(issued.replace(id, id.replace('1b4e', '1b4f')))).toBeNull();
  });
});

describe('npm run rotate-keys with signed-in readers', () => {
  const SECRET = 'sso-shared-secret-for-tests-0123456789abcdef';
  const stack = useTestStack({ env: { SSO_HS256_SECRET: SECRET } });

  test("When SECRET_KEY rotates, then a signed-in reader's author key is recomputed from their id, so trust and bans keep following them", async () => {
    const claims = readerClaims();
    const token = await signToken(claims, new TextEncoder().encode(SECRET));
    const posted = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body: 'Before the rotation.' });
    expect(posted.status).toBe(202);
    const next = createSecrets('c3'.repeat(32), [stack.config.secretKey]);

    await rotateEmailKeys(stack.services.db, next, pino({ level: 'silent' }));

    const [row] = await stack.services.db.query<{
      author_email_hash: Buffer;
      sso_email_hash: Buffer;
      author_email_enc: Buffer;
      author_sso_enc: Buffer;
    }>('SELECT author_email_hash, sso_email_hash, author_email_enc, author_sso_enc FROM comments WHERE id = $1', [posted.body.id]);
    expect(row.author_email_hash.equals(next.readerHash(String(claims.sub)))).toBe(true);
    expect(row.sso_email_hash.equals(next.emailHash(String(claims.email)))).toBe(true);
    expect(next.decryptEmail(row.author_sso_enc)).toBe(claims.sub);
    expect(next.decryptEmail(row.author_email_enc)).toBe(claims.email);
  });
});
