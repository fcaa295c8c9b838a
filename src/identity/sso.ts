import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { SsoConfig } from '../config';
import { AppError } from '../errors';

/**
 * Signed-in readers. The site signs a short-lived JWT naming the reader and hands it to the widget
 * (`data-sso-token`), which sends it as `Authorization: Bearer <JWT>` with the comment. Sift checks it
 * with jose against the one key the operator configured (HS256 secret, RS256/ES256 public key, or a
 * JWKS URL), pinning the algorithms that key allows, so `alg: none` and algorithm swaps (an RS256
 * public key used as an HS256 secret) are refused before any signature is looked at.
 *
 * Claims: `sub` (the site's reader id), `name`, `email`, optional `badge` (one of SSO_BADGES; any
 * other value is dropped), `exp` (required), `iss`/`aud` when SSO_ISSUER/SSO_AUDIENCE are set.
 */

export interface SignedInReader {
  /** The site's id for the reader: stable across name and address changes. */
  subject: string;
  name: string;
  email: string;
  badge: string | null;
}

export interface SsoVerifier {
  verify(token: string): Promise<SignedInReader>;
}

/** How much clock difference between the site's servers and Sift a token's exp/nbf/iat tolerate. */
const CLOCK_TOLERANCE_SECONDS = 30;

const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\s]*$/u;

const claimsSchema = z.object({
  sub: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine((value) => !INVISIBLE.test(value) && !value.includes('\u0000') && value.isWellFormed(), 'must be visible, storable text'),
  email: z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address')),
  badge: z.unknown().optional(),
});

export function createSsoVerifier(config: SsoConfig): SsoVerifier {
  const { key, algorithms } = verificationKey(config);
  const options = {
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  const allowedBadges = new Map(config.badges.map((badge) => [badge.toLowerCase(), badge]));

  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        // Two calls, not one with a union: jose's overloads take the key or the key function.
        payload = (typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options)).payload;
      } catch (error) {
        throw tokenError(error);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        const issue = claims.error.issues[0];
        throw invalidToken(`the token's "${issue.path.join('.')}" claim ${issue.message}`);
      }
      const badge = typeof claims.data.badge === 'string' ? (allowedBadges.get(claims.data.badge.trim().toLowerCase()) ?? null) : null;
      return { subject: claims.data.sub, name: claims.data.name, email: claims.data.email, badge };
    },
  };
}

function verificationKey(config: SsoConfig): { key: KeyObject | JWTVerifyGetKey; algorithms: string[] } {
  switch (config.key.kind) {
    case 'hs256':
      return { key: createSecretKey(Buffer.from(config.key.secret, 'utf8')), algorithms: ['HS256'] };
    case 'public-key':
      return { key: createPublicKey(config.key.pem), algorithms: [config.key.algorithm] };
    case 'jwks':
      // jose keeps the set in memory, refetches it when a token names a key id it has not got (at most
      // once per cooldown, so forged kids cannot make Sift hammer the site), and gives up after the timeout.
      return {
        key: createRemoteJWKSet(new URL(config.key.url), {
          timeoutDuration: config.key.timeoutMs,
          cooldownDuration: 30_000,
          cacheMaxAge: config.key.cacheSeconds * 1000,
        }),
        algorithms: ['RS256', 'ES256'],
      };
  }
}

const invalidToken = (detail: string) =>
  new AppError('invalid_sso_token', 401, `Sign-in token refused: ${detail}. Sign in again and retry.`);

/** jose's errors in words a site's developer can act on; the key set being unreachable is Sift's fault, not the reader's. */
function tokenError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) return invalidToken('it has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return invalidToken(`its issuer ("iss") is not the one configured (SSO_ISSUER)`);
    if (error.claim === 'aud') return invalidToken(`its audience ("aud") is not the one configured (SSO_AUDIENCE)`);
    if (error.claim === 'nbf') return invalidToken('it is not valid yet ("nbf")');
    if (error.reason === 'missing') return invalidToken(`it has no "${error.claim}" claim`);
    return invalidToken(`its "${error.claim}" claim is not valid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalidToken('it is signed with an algorithm this site does not use');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('its signature does not match the configured key');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalidToken("no key in the site's key set (SSO_JWKS_URL) matches it");
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
    return new AppError('sso_unavailable', 503, "The site's sign-in keys (SSO_JWKS_URL) could not be fetched; try again in a moment");
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSEError) {
    return invalidToken('it is not a well-formed signed JWT');
  }
  return invalidToken('it could not be verified');
}

function isFetchFailure(error: unknown): boolean {
  // A refused connection reaches us as the HTTP client's own error; a non-200 or non-JSON answer as
  // jose's generic error about the key set.
  if (!(error instanceof Error)) return false;
  if (!(error instanceof errors.JOSEError)) return true;
  return error.constructor === errors.JOSEError && /JSON Web Key Set/.test(error.message);
}
