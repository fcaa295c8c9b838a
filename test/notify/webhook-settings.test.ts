import { loadConfig } from '../../src/config';
import { attemptsFor, retryDelay } from '../../src/webhooks/webhook-queue';
import { signatureHeader, verifySignature } from '../../src/webhooks/signature';

describe('webhook retry schedule', () => {
  test('When the defaults apply, then retries double from 10 s, never wait more than an hour, and span about a day', () => {
    const attempts = attemptsFor(24, 10_000);
    const delays = Array.from({ length: attempts - 1 }, (_, i) => retryDelay(i + 1, 10_000));

    expect(delays.slice(0, 4)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...delays)).toBe(3_600_000);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(total).toBeLessThan(25 * 3_600_000);
  });
});

describe('Sift-Signature', () => {
  test('When the body or the timestamp is changed, or the signature is old, then it does not verify', () => {
    const body = '{"id":"evt_1"}';
    const header = signatureHeader('whsec_test', body);
    const now = Math.floor(Date.now() / 1000);

    expect(verifySignature('whsec_test', body, header)).toBe(true);
    expect(verifySignature('whsec_test', `${body} `, header)).toBe(false);
    expect(verifySignature('whsec_other', body, header)).toBe(false);
    expect(verifySignature('whsec_test', body, header.replace(/t=\d+/, `t=${now + 1}`))).toBe(false);
    expect(verifySignature('whsec_test', body, signatureHeader('whsec_test', body, now - 3600))).toBe(false);
  });
});

describe('webhook and surge settings', () => {
  test('When nothing is set, then private webhook addresses are refused and surge mode is on', () => {
    const config = loadConfig({});
    expect(config.webhooks).toEqual({ allowPrivate: false, pollMs: 1000, timeoutMs: 10_000, retryBaseMs: 10_000, retryHours: 24 });
    expect(config.surge).toEqual({
      comments: 300,
      windowMinutes: 10,
      spamRate: 0.5,
      spamMinComments: 10,
      durationMinutes: 60,
      pollSeconds: 10,
    });
  });

  test('When the surge triggers are off, then both are null', () => {
    const config = loadConfig({ SURGE_COMMENTS: 'off', SURGE_SPAM_RATE: 'off', WEBHOOK_ALLOW_PRIVATE: '1' });
    expect(config.surge).toMatchObject({ comments: null, spamRate: null });
    expect(config.webhooks.allowPrivate).toBe(true);
  });

  test.each([
    ['WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['SURGE_SPAM_RATE', '1.5'],
    ['SURGE_COMMENTS', '0'],
    ['WEBHOOK_RETRY_HOURS', '-1'],
  ])('When %s is %s, then start-up fails naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
