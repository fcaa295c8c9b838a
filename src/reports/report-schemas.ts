import { z } from 'zod';

/** Why a reader reports a comment. `illegal` makes the report a notice under the EU DSA (Article 16). */
export const REPORT_REASONS = ['spam', 'abusive', 'off-topic', 'misinformation', 'illegal'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

const text = (min: number, max: number, tooShort = 'must not be empty') =>
  z
    .string()
    .trim()
    .min(min, tooShort)
    .max(max, `must be at most ${max.toLocaleString('en')} characters`);

export const reportReasonSchema = z.object({
  reason: z.enum(REPORT_REASONS, `must be one of ${REPORT_REASONS.join(', ')}`),
});

/** Spam, abuse, off-topic, misinformation: the reason, and a few words if the reader wants. */
export const ordinaryReportSchema = z.object({
  reason: z.enum(REPORT_REASONS),
  explanation: text(1, 1000).optional(),
});

/**
 * A notice of illegal content takes what Article 16(2) of the Digital Services Act lists: a
 * substantiated explanation of why the content is illegal, the reporter's name and email address,
 * and a statement that they believe in good faith that the notice is accurate and complete. The
 * comment's id is its exact location; `location` may add the address of the page it was read on.
 */
export const illegalNoticeSchema = z.object({
  reason: z.literal('illegal'),
  explanation: text(20, 5000, 'must explain why the content is illegal, in at least 20 characters'),
  reporterName: text(1, 100),
  reporterEmail: z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address')),
  goodFaith: z.literal(true, 'must be true: confirm that you believe in good faith that this notice is accurate and complete'),
  location: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) address of the page' })
    .max(2000)
    .optional(),
});

export type OrdinaryReport = z.infer<typeof ordinaryReportSchema>;
export type IllegalNotice = z.infer<typeof illegalNoticeSchema>;
export type NewReport = OrdinaryReport | IllegalNotice;
