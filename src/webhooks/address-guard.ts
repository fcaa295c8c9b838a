import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { lookup as lookupCallback } from 'node:dns';

/**
 * Webhook URLs must not reach into the network Sift runs in (SSRF): loopback, link-local, private,
 * carrier-grade NAT, multicast and reserved ranges are refused unless WEBHOOK_ALLOW_PRIVATE is set.
 * The check runs when a webhook is created and again on every connection, on the address actually
 * dialled (a DNS answer that changes between the two, "rebinding", is caught there).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/**
 * IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped (::ffff:0:0/96),
 * IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16, the address in bits
 * 16-47). Refused whatever they carry: IPv4-compatible (::/96, deprecated), local-use NAT64
 * (64:ff9b:1::/48, routed inside one network) and Teredo (2001::/32, its IPv4 address obfuscated).
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeroes = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeroes && g4 === 0 && g5 === 0xffff) return isPrivateV4(g6, g7); // ::ffff:a.b.c.d
  if (zeroes && g4 === 0xffff && g5 === 0) return isPrivateV4(g6, g7); // ::ffff:0:a.b.c.d
  if (zeroes && g4 === 0 && g5 === 0) return true; // ::a.b.c.d, ::, ::1
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateV4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true;
  if (g0 === 0x2002) return isPrivateV4(g1, g2);
  if (g0 === 0x2001 && g1 === 0) return true;
  return blocked.check(address.replace(/%.*$/, '').toLowerCase(), 'ipv6');
}

const isPrivateV4 = (high: number, low: number) => blocked.check([high >> 8, high & 255, low >> 8, low & 255].join('.'), 'ipv4');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad and a zone id allowed). */
function ipv6Groups(address: string): number[] | null {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return null;
  const part = (value: string | undefined) => (value ? value.split(':').map((group) => parseInt(group, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...new Array<number>(tail === undefined ? 0 : missing).fill(0), ...right];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

export class RefusedAddressError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a loopback, link-local or private address`);
    this.name = 'RefusedAddressError';
  }
}

/** Resolves the URL's host now and refuses it if any address is private. */
export async function assertPublicUrl(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) throw new RefusedAddressError(host);
}

/** A `lookup` for http.request that vets the address the socket will connect to. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookupCallback(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = !allowPrivate && (list.length === 0 || list.some((a) => isPrivateAddress(a.address)));
      if (refused) return callback(new RefusedAddressError(hostname), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
