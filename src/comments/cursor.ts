import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../errors';

/**
 * Opaque keyset cursors: the position (creation time in microseconds, id) and the list it belongs
 * to, signed, so a forged cursor or one taken from another list is a 400 rather than a wrong page.
 */
export interface Position {
  createdUs: string;
  id: string;
}

export interface CursorCodec {
  encode(scope: string, position: Position): string;
  decode(scope: string, cursor: string): Position;
  /** Any payload of printable ASCII, signed for its scope (the public list's cursors: src/comments/public-cursor.ts). */
  seal(scope: string, payload: string): string;
  /** The payload sealed for this scope; a 400 invalid_cursor for anything else. */
  open(scope: string, cursor: string): string;
}

export const invalidCursor = (why = 'cursor is not valid for this list') => badRequest(why, 'invalid_cursor');

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function createCursorCodec(key: Buffer): CursorCodec {
  const sign = (scope: string, payload: string) =>
    createHmac('sha256', key).update(scope).update('\0').update(payload).digest().subarray(0, 12);

  const seal = (scope: string, payload: string) =>
    `${Buffer.from(payload).toString('base64url')}.${sign(scope, payload).toString('base64url')}`;

  function open(scope: string, cursor: string): string {
    const [encoded, signature, extra] = cursor.split('.');
    if (!encoded || !signature || extra !== undefined) throw invalidCursor();
    // Node's decoder skips characters outside the alphabet: without this, junk spelled one cursor
    // many ways, each a page the list cache had never seen (issue 16).
    if (!BASE64URL.test(encoded) || !BASE64URL.test(signature)) throw invalidCursor();
    const payloadBytes = Buffer.from(encoded, 'base64url');
    if (payloadBytes.toString('base64url') !== encoded) throw invalidCursor();
    const payload = payloadBytes.toString('utf8');
    const given = Buffer.from(signature, 'base64url');
    if (given.toString('base64url') !== signature) throw invalidCursor();
    const expected = sign(scope, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
    return payload;
  }

  return {
    seal,
    open,
    encode: (scope, position) => seal(scope, `${position.createdUs}.${position.id}`),
    decode(scope, cursor) {
      const match = /^(\d{1,20})\.([0-9a-f-]{36})$/.exec(open(scope, cursor));
      if (!match) throw invalidCursor();
      return { createdUs: match[1], id: match[2] };
    },
  };
}
