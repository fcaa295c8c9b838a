import { z } from 'zod';
import { commentIdSchema } from '../comments/comment-schemas';
import { AppError } from '../errors';
import { moderateComment, type ModerationAction, type ModerationDeps } from './moderate-comment';
import type { Principal } from './moderator-auth';
import { reasonCodeSchema } from './reason-codes';

export const bulkSchema = z.object({
  action: z.enum(['approve', 'reject', 'spam']),
  ids: z.array(commentIdSchema).min(1).max(500),
  reason: z.string().trim().max(1000).nullish(),
  reasonCode: reasonCodeSchema.nullish(),
});

export type BulkInput = z.infer<typeof bulkSchema>;

export type BulkResult = { id: string; ok: true; status: string } | { id: string; ok: false; error: { code: string; message: string } };

/**
 * One action on many comments. Each goes through moderateComment, in its own transaction, so each
 * is audited, teaches the spam filter and invalidates what it changed exactly as a single action
 * does; one missing id does not undo the others, it is reported in its own result.
 */
export async function bulkModerate(
  deps: ModerationDeps,
  principal: Principal,
  input: BulkInput,
): Promise<{ action: ModerationAction; succeeded: number; failed: number; results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const id of new Set(input.ids)) {
    try {
      const view = await moderateComment(deps, principal, id, input.action, input.reason ?? null, {
        reasonCode: input.reasonCode ?? null,
        via: 'bulk',
      });
      results.push({ id, ok: true, status: view.status });
    } catch (error) {
      // Only the caller's own mistakes are reported per id; an outage still fails the request.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  const succeeded = results.filter((result) => result.ok).length;
  return { action: input.action, succeeded, failed: results.length - succeeded, results };
}
