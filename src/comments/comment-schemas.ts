import { z } from 'zod';
import { withoutBidiSpoofing } from './bidi';
import { PUBLIC_SORTS } from './public-list-repository';

/**
 * The shapes a widget may send. Strings that PostgreSQL cannot store byte-exact (a NUL character,
 * a lone UTF-16 surrogate) are refused here rather than silently changed.
 */
const storableText = (schema: z.ZodString) =>
  schema
    .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character')
    .refine((value) => value.isWellFormed(), 'must be valid Unicode (no lone surrogates)');

/**
 * Characters that show nothing: controls, format characters (zero-width, joiners, bidi controls,
 * tags), every kind of space, the Hangul and Braille blanks, the combining grapheme joiner and
 * variation selectors. Text made only of these passes "not empty" but shows as blank.
 */
/* eslint-disable no-misleading-character-class -- each code point (combining joiner, variation selectors) is matched on its own, on purpose */
const INVISIBLE =
  /^[\p{Cc}\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800\u034F\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u{1D159}\u{1D173}-\u{1D17A}]*$/u;
/* eslint-enable no-misleading-character-class */
const visibleText = (schema: z.ZodType<string>) => schema.refine((value) => !INVISIBLE.test(value), 'must contain a visible character');

export const articleIdSchema = z.string().regex(/^[A-Za-z0-9._~:-]{1,200}$/, 'must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -');

export const commentIdSchema = z.uuid();

/** Text as readers will see it: bidi controls that would show other letters than the checks read are dropped first (bidi.ts). */
const displayed = () => z.string().overwrite(withoutBidiSpoofing);

export const newCommentSchema = z.object({
  authorName: visibleText(storableText(displayed().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))),
  authorEmail: storableText(z.string().trim().max(254, 'must be at most 254 characters'))
    .pipe(z.email('must be an email address'))
    .meta({ format: 'email' }),
  body: visibleText(storableText(displayed().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10,000 characters'))),
  parentId: z.uuid('must be the id of a comment').nullish(),
  /** "Email me when someone replies": a reply approved later is emailed to this author (worker/reply-notifier.ts). */
  notifyReplies: z.boolean('must be true or false').optional(),
});
export type NewComment = z.infer<typeof newCommentSchema>;

/**
 * A signed-in reader's comment: the name and address come from their token, so the body needs only
 * the text (an authorName or authorEmail sent anyway is ignored).
 */
export const signedInCommentSchema = newCommentSchema.omit({ authorName: true, authorEmail: true }).extend({
  authorName: z.unknown().optional(),
  authorEmail: z.unknown().optional(),
});

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters');

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

/** The public list's query: a page, in one of its orders (oldest first unless asked). */
export const publicPageQuerySchema = pageQuerySchema.extend({
  sort: z
    .enum(PUBLIC_SORTS, 'must be oldest, newest or top')
    .default('oldest')
    .meta({ description: "top: most recommended first (ties oldest first). Editors' picks come first under every order" }),
});
