import type { Queryable } from '../../src/db/pool';

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
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
