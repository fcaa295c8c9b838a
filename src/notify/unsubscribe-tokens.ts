import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe link in a reply notification: `<commentId>.<mac>`, the MAC an HMAC of
 * the comment id under a key derived from SECRET_KEY. Nothing is stored; a link made under a key
 * listed in SECRET_KEYS_PREVIOUS still works. Whoever holds the link can stop that reader's reply
 * emails, and nothing more: it names no address and reads nothing back.
 */
export interface UnsubscribeTokens {
  issue(commentId: string): string;
  /** The comment id the token was issued for, or null when it is not one of ours. */
  verify(token: string): string | null;
}

const MAC_BYTES = 16;
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/;

export function createUnsubscribeTokens(secretKeyHex: string, previousKeysHex: readonly string[] = []): UnsubscribeTokens {
  const keys = [secretKeyHex, ...previousKeysHex].map((hex) =>
    Buffer.from(hkdfSync('sha256', Buffer.from(hex, 'hex'), Buffer.alloc(0), 'sift unsubscribe v1', 32)),
  );
  const mac = (key: Buffer, commentId: string) => createHmac('sha256', key).update(commentId).digest().subarray(0, MAC_BYTES);
  return {
    issue: (commentId) => `${commentId}.${mac(keys[0], commentId).toString('base64url')}`,
    verify(token) {
      const match = TOKEN.exec(token);
      if (!match) return null;
      const [, commentId, given] = match as unknown as [string, string, string];
      const givenMac = Buffer.from(given, 'base64url');
      return keys.some((key) => timingSafeEqual(mac(key, commentId), givenMac)) ? commentId : null;
    },
  };
}
