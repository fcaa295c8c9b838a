import { apiClient } from '../helpers/api-client';
import { workerDecision } from '../helpers/decision-log';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { loadConfig } from '../../src/config';

/**
 * CHECK_BUDGET_MS (issue 16.2): a comment whose checks run past the budget is held for a moderator
 * with the reason, in one attempt. A budget of 1 ms is far below what a 10,000-character comment's
 * checks take (several milliseconds), so the comment below always runs past it.
 */
const LONG_BODY = 'The council met on Tuesday to discuss the budget for next year, and the roads. '.repeat(125).slice(0, 10_000);

describe('CHECK_BUDGET_MS', () => {
  describe('When the checks run past the budget', () => {
    const stack = useTestStack({ worker: true, env: { CHECK_BUDGET_MS: '1' } });

    test('When a long comment takes longer than the budget, then it is held with rule check-timeout and the reason in words, after one attempt', async () => {
      const api = apiClient(stack.app);
      const id = await api.post(randomArticleId(), { body: LONG_BODY });

      const decision = await workerDecision(stack, id);

      expect(decision).toEqual({
        status: 'held',
        rule: 'check-timeout',
        reason: 'the checks took longer than the 1 ms allowed for one comment (CHECK_BUDGET_MS), so a moderator decides instead',
      });
      expect((await api.view(id)).body).toMatchObject({ status: 'held', decidedBy: 'auto', checks: null });
      // The job ended normally, once: nothing hands the comment to another worker to check again.
      const job = await waitFor(async () => {
        const found = await stack.services.queue.getJob(`comment-${id}`);
        return found?.finishedOn ? found : undefined;
      });
      expect({ attemptsMade: job.attemptsMade, failedReason: job.failedReason, returnvalue: job.returnvalue }).toEqual({
        attemptsMade: 1,
        failedReason: undefined,
        returnvalue: { decided: 'held' },
      });
      expect(stack.logs.text).toContain('checks ran past their time budget');
      expect(await stack.worker!.metrics.registry.getSingleMetricAsString('sift_check_timeouts_total')).toMatch(
        /sift_check_timeouts_total [1-9]/,
      );
    });
  });

  describe('With the default budget', () => {
    const stack = useTestStack({ worker: true });

    test('When the same long comment is posted, then its checks finish and it is approved', async () => {
      const id = await apiClient(stack.app).post(randomArticleId(), { body: LONG_BODY });

      expect(await workerDecision(stack, id)).toMatchObject({ status: 'approved', rule: 'clean' });
    });
  });

  test('When CHECK_BUDGET_MS is not below the job lock, then the configuration is refused naming the variable', () => {
    expect(() => loadConfig({ CHECK_BUDGET_MS: '15000', WORKER_LOCK_DURATION_MS: '15000' })).toThrow(/CHECK_BUDGET_MS/);
    expect(() => loadConfig({ CHECK_BUDGET_MS: '0' })).toThrow(/CHECK_BUDGET_MS/);
    expect(loadConfig({}).checkBudgetMs).toBe(1000);
  });
});
