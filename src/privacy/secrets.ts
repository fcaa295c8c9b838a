import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Email addresses at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 "lookup hash" for equality
 * (same author, bans, privacy requests). Both keys are derived from SECRET_KEY, so a database dump
 * alone reveals no address and no dictionary-attackable hash. Client IPs are kept only as lookup hashes.
 *
 * Ciphertext layout: version(1) | keyId(4) | iv(12) | tag(16) | data. The keyId lets a process that
 * knows SECRET_KEYS_PREVIOUS decrypt rows written before a key rotation.
 */
const VERSION = 1;
/** GCM's 96-bit nonce, random per message. */
const IV_BYTES = 12;

interface DerivedKey {
  id: Buffer;
  encryption: Buffer;
  lookup: Buffer;
}

function derive(secretHex: string): DerivedKey {
  const secret = Buffer.from(secretHex, 'hex');
  const encryption = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sift email encryption v1', 32));
  const lookup = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sift lookup hash v1', 32));
  const id = createHash('sha256').update(encryption).digest().subarray(0, 4);
  return { id, encryption, lookup };
}

/** Plain functions (no `this`), so a caller may hand one on: `toModeratorView(row, secrets.decryptEmail)`. */
export interface Secrets {
  encryptEmail: (email: string) => Buffer;
  decryptEmail: (ciphertext: Buffer) => string;
  emailHash: (email: string) => Buffer;
  /**
   * The hash and, when it differs, the one rows written before addresses were normalised (case
   * only) carry: privacy requests look for both, so none of a person's older rows is missed.
   */
  emailLookupHashes: (email: string) => Buffer[];
  ipHash: (ip: string) => Buffer;
  /**
   * A signed-in reader's author key: the keyed hash of the site's reader id (the SSO token's `sub`),
   * in a domain of its own, so it never equals the hash of an address typed into the form.
   */
  readerHash: (subject: string) => Buffer;
  /**
   * A reader who recommends or reports, told apart as the posting limit tells clients apart (the
   * client key): hashed in a domain of its own, so it never equals a comment's IP hash.
   */
  clientReaderHash: (clientKey: string) => Buffer;
  /** True when the ciphertext was written with a previous key and should be re-encrypted. */
  needsRotation: (ciphertext: Buffer) => boolean;
}

/**
 * One mailbox, one author: the form an address is hashed in, so bans, limits, trust and privacy
 * requests see through the spellings that reach the same mailbox. Lower case (nearly every host
 * compares so); the local part's `+tag` dropped (sub-addressing, RFC 5233); for gmail.com and
 * googlemail.com, dots in the local part dropped and the domain read as gmail.com.
 */
export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/**
 * Fresh random chunks of `size` bytes, cut from a buffer of CSPRNG output refilled every `count`
 * chunks: the same randomness as one randomBytes call each (Node's randomUUID caches its entropy the
 * same way), without a getrandom system call per comment. Each chunk is handed out once.
 */
function randomChunks(size: number, count = 512): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + size > pool.length) {
      pool = randomBytes(size * count);
      offset = 0;
    }
    const chunk = Buffer.from(pool.subarray(offset, offset + size));
    offset += size;
    return chunk;
  };
}

export function createSecrets(secretKeyHex: string, previousKeysHex: readonly string[] = []): Secrets {
  const current = derive(secretKeyHex);
  const all = [current, ...previousKeysHex.map(derive)];
  const nextIv = randomChunks(IV_BYTES);
  const hmac = (purpose: string, value: string) => createHmac('sha256', current.lookup).update(purpose).update('\0').update(value).digest();

  return {
    encryptEmail(email) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', current.encryption, iv);
      const data = Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), current.id, iv, cipher.getAuthTag(), data]);
    },
    decryptEmail(ciphertext) {
      if (ciphertext[0] !== VERSION) throw new Error('unknown email ciphertext version');
      const keyId = ciphertext.subarray(1, 5);
      const key = all.find((candidate) => candidate.id.equals(keyId));
      if (!key) throw new Error('email was encrypted with a key that is not configured');
      const iv = ciphertext.subarray(5, 17);
      const tag = ciphertext.subarray(17, 33);
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext.subarray(33)), decipher.final()]).toString('utf8');
    },
    emailHash: (email) => hmac('email', normalizeEmail(email)),
    emailLookupHashes(email) {
      const [current, before] = [normalizeEmail(email), email.trim().toLowerCase()];
      return current === before ? [hmac('email', current)] : [hmac('email', current), hmac('email', before)];
    },
    ipHash: (ip) => hmac('ip', ip),
    readerHash: (subject) => hmac('sso reader', subject),
    clientReaderHash: (clientKey) => hmac('reader', clientKey),
    needsRotation: (ciphertext) => !ciphertext.subarray(1, 5).equals(current.id),
  };
}
