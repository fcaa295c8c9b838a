import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload, type KeyLike } from 'jose';

/** What a site's log-in would sign for a reader; each call a different reader unless overridden. */
export function readerClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  const tag = randomBytes(4).toString('hex');
  return { sub: `reader-${tag}`, name: `Signed-in Reader ${tag}`, email: `signed.${tag}@example.org`, ...overrides };
}

/** A token as a site signs it: the claims, iat now, exp in ten minutes unless given. */
export async function signToken(
  claims: JWTPayload,
  key: KeyLike | Uint8Array,
  options: { alg: string; kid?: string; expiresIn?: string | number | null } = { alg: 'HS256' },
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg, ...(options.kid ? { kid: options.kid } : {}) }).setIssuedAt();
  // expiresIn null: no exp at all, as a careless site might sign.
  if (claims.exp === undefined && options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '10m');
  return jwt.sign(key);
}

/** An unsigned token (`alg: none`), as an attacker would send one. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}.`;
}

/** A site's key set on a local HTTP server; `hang` makes it accept connections and never answer. */
export async function jwksServer(
  jwks: () => object,
): Promise<{ url: string; requests: () => number; hang(on: boolean): void; close(): Promise<void> }> {
  let requests = 0;
  let hanging = false;
  const server = http.createServer((_req, res) => {
    requests += 1;
    if (hanging) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    requests: () => requests,
    hang: (on) => {
      hanging = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
