import request from 'supertest';
import { ADMIN_KEY, type TestStack } from './test-stack';
import { waitFor } from './wait-for';

/** The comment's status once the worker decided it, with the rule and reason from its decision log. */
export async function workerDecision(stack: TestStack, id: string): Promise<{ status: string; rule: string; reason: string }> {
  return waitFor(
    async () => {
      const res = await request(stack.app)
        .get(`/v1/moderation/comments/${id}/history`)
        .set({ Authorization: `Bearer ${ADMIN_KEY}` });
      const auto = (res.body.history as Array<{ by: string; rule: string; reason: string; to: string }> | undefined)?.find(
        (h) => h.by === 'auto',
      );
      return auto ? { status: auto.to, rule: auto.rule, reason: auto.reason } : undefined;
    },
    15_000,
    `a decision on ${id}`,
  );
}
