import type { Queryable } from '../db/pool';

/** The newsroom's trust settings, one row; a null setting falls back to its environment variable. */
export interface TrustOverrides {
  minApproved: number | null;
  windowDays: number | null;
  holdFirstCommentWithLink: boolean | null;
}

export interface TrustSettingsRow extends TrustOverrides {
  updatedBy: string | null;
  updatedAt: Date | null;
}

const COLUMNS = `min_approved AS "minApproved", window_days AS "windowDays",
  hold_first_comment_with_link AS "holdFirstCommentWithLink", updated_by AS "updatedBy", updated_at AS "updatedAt"`;

export async function readTrustSettings(db: Queryable, forUpdate = false): Promise<TrustSettingsRow> {
  const [row] = await db.query<TrustSettingsRow>(`SELECT ${COLUMNS} FROM trust_settings WHERE singleton${forUpdate ? ' FOR UPDATE' : ''}`);
  return row ?? { minApproved: null, windowDays: null, holdFirstCommentWithLink: null, updatedBy: null, updatedAt: null };
}

export async function writeTrustSettings(db: Queryable, settings: TrustOverrides, by: string): Promise<TrustSettingsRow> {
  const [row] = await db.query<TrustSettingsRow>(
    `INSERT INTO trust_settings (singleton, min_approved, window_days, hold_first_comment_with_link, updated_by, updated_at)
     VALUES (true, $1, $2, $3, $4, now())
     ON CONFLICT (singleton) DO UPDATE SET min_approved = EXCLUDED.min_approved, window_days = EXCLUDED.window_days,
       hold_first_comment_with_link = EXCLUDED.hold_first_comment_with_link, updated_by = EXCLUDED.updated_by,
       updated_at = EXCLUDED.updated_at
     RETURNING ${COLUMNS}`,
    [settings.minApproved, settings.windowDays, settings.holdFirstCommentWithLink, by],
  );
  return row;
}
