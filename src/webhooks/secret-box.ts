import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived from SECRET_KEY (its own HKDF
 * label, apart from the email key). Layout: keyId(4) | iv(12) | tag(16) | data; previous keys
 * (SECRET_KEYS_PREVIOUS) still open old rows.
 */
export interface SecretBox {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
  /** True when it was sealed under a previous key and should be sealed again (npm run rotate-keys). */
  needsRotation(sealed: Buffer): boolean;
}

export function createSecretBox(secretKeyHex: string, previousKeysHex: readonly string[] = []): SecretBox {
  const keys = [secretKeyHex, ...previousKeysHex].map((hex) => {
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(hex, 'hex'), Buffer.alloc(0), 'sift webhook secret v1', 32));
    return { key, id: createHash('sha256').update(key).digest().subarray(0, 4) };
  });
  const current = keys[0];
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([current.id, iv, cipher.getAuthTag(), data]);
    },
    open(sealed) {
      const found = keys.find((candidate) => candidate.id.equals(sealed.subarray(0, 4)));
      if (!found) throw new Error('webhook secret was sealed with a key that is not configured');
      const decipher = createDecipheriv('aes-256-gcm', found.key, sealed.subarray(4, 16));
      decipher.setAuthTag(sealed.subarray(16, 32));
      return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8');
    },
    needsRotation: (sealed) => !sealed.subarray(0, 4).equals(current.id),
  };
}
