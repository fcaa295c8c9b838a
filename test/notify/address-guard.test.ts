import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPrivateAddress } from '../../src/webhooks/address-guard';
import { postJson } from '../../src/webhooks/http-post';

describe('isPrivateAddress', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.31.255.255', true],
    ['192.168.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['64:ff9b::10.0.0.1', true],
    ['not-an-ip', true],
    ['93.184.216.34', false],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2606:2800:220:1:248:1893:25c8:1946', false],
    ['::ffff:8.8.8.8', false],
    // IPv6 forms that carry an IPv4 address (issue 16, item 13).
    ['::127.0.0.1', true],
    ['::7f00:1', true],
    ['::8.8.8.8', true],
    ['::ffff:0:127.0.0.1', true],
    ['::ffff:0:10.0.0.1', true],
    ['::ffff:0:8.8.8.8', false],
    ['2002:7f00:1::', true],
    ['2002:a00:1::1', true],
    ['2002:c0a8:101::1', true],
    ['2002:808:808::1', false],
    ['64:ff9b::127.0.0.1', true],
    ['64:ff9b::7f00:1', true],
    ['64:ff9b::8.8.8.8', false],
    ['64:ff9b:1::8.8.8.8', true],
    ['64:ff9b:1:ffff::a00:1', true],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', true],
    ['0:0:0:0:0:ffff:127.0.0.1', true],
    ['::FFFF:127.0.0.1', true],
    ['fe80::1%eth0', true],
  ])('When the address is %s, then private is %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('postJson (send-time check)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test.each([`http://127.0.0.1:PORT/`, `http://localhost:PORT/`])(
    'When a stored URL %s points at loopback at send time, then it is refused without connecting',
    async (template) => {
      let connections = 0;
      server.once('connection', () => (connections += 1));
      await expect(postJson(template.replace('PORT', String(port)), '{}', {}, { timeoutMs: 2000, allowPrivate: false })).rejects.toThrow(
        /private address/,
      );
      expect(connections).toBe(0);
    },
  );

  test('When private addresses are allowed, then the same URL is delivered to', async () => {
    const result = await postJson(`http://localhost:${port}/`, '{}', {}, { timeoutMs: 2000, allowPrivate: true });
    expect(result.status).toBe(204);
  });
});
