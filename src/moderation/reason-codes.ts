import { z } from 'zod';

/** Why a comment was rejected, in words a newsroom reports on; shown in the decision log and stats. */
export const REASON_CODES = ['spam', 'offensive', 'abusive', 'off-topic', 'illegal', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export const reasonCodeSchema = z.enum(REASON_CODES);
