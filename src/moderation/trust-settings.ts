import { z } from 'zod';
import type { Config } from '../config';
import type { Db, Queryable } from '../db/pool';
import type { Principal } from './moderator-auth';
import { readTrustSettings, writeTrustSettings, type TrustOverrides, type TrustSettingsRow } from './trust-settings-repository';

/**
 * The trust rules' settings (src/moderation/trust.ts), editable by moderators at run time. Each one
 * is the newsroom's value when set, else the environment's (TRUST_MIN_APPROVED, TRUST_WINDOW_DAYS,
 * HOLD_FIRST_COMMENT_WITH_LINK); the worker reads them with each comment's other facts, so a change
 * applies to the next comment decided. null puts a setting back to the environment's.
 */

export const trustSettingsSchema = z
  .object({
    minApproved: z.number().int().min(0).max(1000).nullable(),
    windowDays: z.number().int().min(1).max(3650).nullable(),
    holdFirstCommentWithLink: z.boolean().nullable(),
  })
  .partial()
  .refine((input) => Object.keys(input).length > 0, { message: 'give at least one of minApproved, windowDays, holdFirstCommentWithLink' });

export type TrustDefaults = Pick<Config, 'trustMinApproved' | 'trustWindowDays' | 'holdFirstCommentWithLink'>;

export interface TrustSettingsView {
  /** In force now. */
  minApproved: number;
  windowDays: number;
  holdFirstCommentWithLink: boolean;
  /** The environment's values, which apply where the newsroom set none. */
  defaults: { minApproved: number; windowDays: number; holdFirstCommentWithLink: boolean };
  /** The newsroom's own values (null: not set). */
  overrides: TrustOverrides;
  updatedBy: string | null;
  updatedAt: string | null;
}

function toView(row: TrustSettingsRow, config: TrustDefaults): TrustSettingsView {
  const defaults = {
    minApproved: config.trustMinApproved,
    windowDays: config.trustWindowDays,
    holdFirstCommentWithLink: config.holdFirstCommentWithLink,
  };
  const overrides = { minApproved: row.minApproved, windowDays: row.windowDays, holdFirstCommentWithLink: row.holdFirstCommentWithLink };
  return {
    minApproved: overrides.minApproved ?? defaults.minApproved,
    windowDays: overrides.windowDays ?? defaults.windowDays,
    holdFirstCommentWithLink: overrides.holdFirstCommentWithLink ?? defaults.holdFirstCommentWithLink,
    defaults,
    overrides,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt?.toISOString() ?? null,
  };
}

export async function getTrustSettings(db: Queryable, config: TrustDefaults): Promise<TrustSettingsView> {
  return toView(await readTrustSettings(db), config);
}

/** Changes the settings given (the others stay as they are). */
export async function updateTrustSettings(
  db: Db,
  config: TrustDefaults,
  principal: Principal,
  input: z.infer<typeof trustSettingsSchema>,
): Promise<TrustSettingsView> {
  const row = await db.withTransaction(async (tx) => {
    const current = await readTrustSettings(tx, true);
    const given = <K extends keyof TrustOverrides>(key: K): TrustOverrides[K] =>
      input[key] !== undefined ? (input[key] as TrustOverrides[K]) : current[key];
    return writeTrustSettings(
      tx,
      { minApproved: given('minApproved'), windowDays: given('windowDays'), holdFirstCommentWithLink: given('holdFirstCommentWithLink') },
      principal.name,
    );
  });
  return toView(row, config);
}
