import { createSecrets } from '../../src/privacy/secrets';

describe('email encryption at rest', () => {
  const secrets = createSecrets('c4'.repeat(32));

  test('When many addresses are encrypted, then every nonce is new and every ciphertext decrypts to its address', () => {
    // More than one refill of the nonce pool, so a reused chunk would show.
    const emails = Array.from({ length: 2000 }, (_, i) => `reader.${i % 10}@example.org`);

    const ciphertexts = emails.map((email) => secrets.encryptEmail(email));

    const nonces = new Set(ciphertexts.map((c) => c.subarray(5, 17).toString('hex')));
    expect(nonces.size).toBe(emails.length);
    expect(ciphertexts.map((c) => secrets.decryptEmail(c))).toEqual(emails);
    expect(ciphertexts.every((c) => !c.toString('latin1').includes('example.org'))).toBe(true);
  });
});
