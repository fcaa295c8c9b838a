import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { badRequest, notFound } from '../../errors';
import { moderateComment, type ModerationDeps } from '../moderate-comment';
import { assertAdmin, type Principal } from '../moderator-auth';
import { reasonCodeSchema } from '../reason-codes';
import { findBan, findCommentHashes, findWaitingComments, insertBan, liftBan, listBans, type BanKind, type BanRow } from './ban-repository';

/**
 * Bans: an author (by email) or a client (by IP), for a time or for good. Only keyed hashes are
 * stored (the same HMACs comments carry), so a ban can be matched but never read back as an address.
 * The worker rejects a banned author's next comments with rule `ban`; the commenter gets the same
 * neutral 202 as everyone, then a `rejected` status, never the moderators' reason.
 *
 * IP bans need the admin key: one address can be a newsroom's whole office, a library or a mobile
 * carrier's NAT, so the blast radius is an editor's call. Email bans are every moderator's tool.
 */

export const newBanSchema = z
  .object({
    email: z.email().max(254).optional(),
    ip: z
      .string()
      .refine((value) => isIP(value) !== 0, 'must be an IPv4 or IPv6 address')
      .optional(),
    /** A signed-in reader, by the site's id for them (the SSO token's `sub`). */
    ssoSubject: z.string().min(1).max(255).optional(),
    /** Ban whoever wrote this comment, by their email (default) or their client IP. */
    commentId: z.uuid().optional(),
    kind: z.enum(['email', 'ip']).default('email'),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    durationDays: z.number().positive().max(36500).optional(),
    reason: z.string().trim().max(1000).nullish(),
    reasonCode: reasonCodeSchema.nullish(),
    rejectPending: z.boolean().default(false),
  })
  .refine((ban) => [ban.email, ban.ip, ban.ssoSubject, ban.commentId].filter(Boolean).length === 1, {
    message: 'give exactly one of email, ip, ssoSubject or commentId',
  })
  .refine((ban) => !(ban.expiresAt && ban.durationDays), { message: 'give expiresAt or durationDays, not both' });

export type NewBanInput = z.infer<typeof newBanSchema>;

export const banListQuerySchema = z.object({
  email: z.email().max(254).optional(),
  ip: z
    .string()
    .refine((value) => isIP(value) !== 0, 'must be an IP address')
    .optional(),
  ssoSubject: z.string().min(1).max(255).optional(),
  kind: z.enum(['email', 'ip', 'reader']).optional(),
  active: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface BanView {
  id: string;
  kind: BanKind;
  reason: string | null;
  reasonCode: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
  active: boolean;
}

const MAX_REJECTED_AT_ONCE = 1000;

export function toBanView(row: BanRow, now = new Date()): BanView {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    reasonCode: row.reason_code,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    liftedAt: row.lifted_at?.toISOString() ?? null,
    liftedBy: row.lifted_by,
    active: !row.lifted_at && (!row.expires_at || row.expires_at > now),
  };
}

export async function createBan(
  deps: ModerationDeps,
  principal: Principal,
  input: NewBanInput,
): Promise<BanView & { rejectedComments: string[] }> {
  const { kind, valueHash } = await banTarget(deps, input);
  if (kind === 'ip') assertAdmin(principal);
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : input.durationDays
      ? new Date(Date.now() + input.durationDays * 86_400_000)
      : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw badRequest('expiresAt: must be in the future');
  const row = await insertBan(deps.db, {
    id: randomUUID(),
    kind,
    valueHash,
    reason: input.reason ?? null,
    reasonCode: input.reasonCode ?? null,
    createdBy: principal.name,
    expiresAt,
    commentId: input.commentId ?? null,
  });
  const rejectedComments = input.rejectPending ? await rejectWaiting(deps, principal, row, valueHash) : [];
  return { ...toBanView(row), rejectedComments };
}

async function banTarget(deps: ModerationDeps, input: NewBanInput): Promise<{ kind: BanKind; valueHash: Buffer }> {
  if (input.email) return { kind: 'email', valueHash: deps.secrets.emailHash(input.email) };
  if (input.ip) return { kind: 'ip', valueHash: deps.secrets.ipHash(input.ip) };
  if (input.ssoSubject) return { kind: 'reader', valueHash: deps.secrets.readerHash(input.ssoSubject) };
  const hashes = await findCommentHashes(deps.db, input.commentId!);
  if (!hashes) throw notFound('No comment with this id');
  // A signed-in reader is banned by their id at the site, which follows them whatever address they use.
  if (input.kind === 'email') return { kind: hashes.signedIn ? 'reader' : 'email', valueHash: hashes.email };
  if (!hashes.ip) throw badRequest('commentId: this comment has no client IP on record', 'no_client_ip');
  return { kind: 'ip', valueHash: hashes.ip };
}

/** Each waiting comment goes through moderateComment, so each is audited like a moderator's reject. */
async function rejectWaiting(deps: ModerationDeps, principal: Principal, ban: BanRow, valueHash: Buffer): Promise<string[]> {
  const ids = await findWaitingComments(deps.db, ban.kind, valueHash, MAX_REJECTED_AT_ONCE);
  const reason = ban.reason ? `ban: ${ban.reason}` : 'the author is banned';
  for (const id of ids) {
    await moderateComment(deps, principal, id, 'reject', reason, { reasonCode: ban.reason_code, via: 'ban' });
  }
  return ids;
}

export async function liftBanById(deps: ModerationDeps, principal: Principal, id: string): Promise<BanView> {
  const existing = await findBan(deps.db, id);
  if (!existing) throw notFound('No ban with this id');
  if (existing.kind === 'ip') assertAdmin(principal);
  const lifted = await liftBan(deps.db, id, principal.name);
  return toBanView(lifted ?? existing);
}

export async function searchBans(deps: ModerationDeps, query: z.infer<typeof banListQuerySchema>): Promise<{ bans: BanView[] }> {
  const valueHash = query.email
    ? deps.secrets.emailHash(query.email)
    : query.ip
      ? deps.secrets.ipHash(query.ip)
      : query.ssoSubject
        ? deps.secrets.readerHash(query.ssoSubject)
        : null;
  const kind = query.email ? 'email' : query.ip ? 'ip' : query.ssoSubject ? 'reader' : (query.kind ?? null);
  const rows = await listBans(deps.db, { valueHash, kind, activeOnly: query.active === 'true' }, query.limit);
  return { bans: rows.map((row) => toBanView(row)) };
}
