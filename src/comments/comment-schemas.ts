import { z } from 'zod';

/**
 * The shapes a widget may send. Strings that PostgreSQL cannot store byte-exact (a NUL character,
 * a lone UTF-16 surrogate) are refused here rather than silently changed.
 */
const storableText = (schema: z.ZodString) =>
  schema
    .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character')
    .refine((value) => value.isWellFormed(), 'must be valid Unicode (no lone surrogates)');

export const articleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~:-]{1,200}$/, 'must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -');

export const commentIdSchema = z.uuid();

export const newCommentSchema = z.object({
  authorName: storableText(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')),
  authorEmail: storableText(z.string().trim().max(254, 'must be at most 254 characters')).pipe(
    z.email('must be an email address'),
  ),
  body: storableText(z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10,000 characters')),
  parentId: z.uuid('must be the id of a comment').nullish(),
});
export type NewComment = z.infer<typeof newCommentSchema>;

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters');

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});
