import type { Queryable } from '../../src/db/pool';
import type { LogCapture } from './test-stack';

/** Polls `probe` (sync or async) until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the comment's status once the worker has decided it. */
export function waitForDecision(db: Queryable, commentId: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    async () => {
      const [row] = await db.query<{ status: string }>('SELECT status FROM comments WHERE id = $1', [commentId]);
      return row && row.status !== 'pending' ? row.status : undefined;
    },
    timeoutMs,
    `a decision on ${commentId}`,
  );
}

/**
 * Resolves once the worker logging to `logs` has learned every moderator label in spam_feedback.
 * Its follower logs "learned from moderator feedback" with the count of each batch it applies, so
 * this holds for a worker started before the first label was given (its start-up replay is silent).
 */
export function waitForFeedbackLearned(db: Queryable, logs: LogCapture, timeoutMs = 10_000): Promise<true> {
  return waitFor(
    async () => {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM spam_feedback');
      const learned = logs.lines
        .map((line) => JSON.parse(line) as { msg?: string; applied?: number })
        .filter((line) => line.msg === 'learned from moderator feedback')
        .reduce((sum, line) => sum + (line.applied ?? 0), 0);
      return learned >= row.n ? true : undefined;
    },
    timeoutMs,
    'the worker to learn from every moderator label',
  );
}
