/**
 * CHECK_BUDGET_MS: the wall-clock time one comment's checks may take. The checks are synchronous,
 * so they cannot be interrupted from outside; instead their long loops (the matchers' scans) look
 * at the deadline every few thousand steps and throw CheckBudgetExceeded, and the worker holds the
 * comment for a moderator instead of checking it again (worker/moderate-job.ts).
 */

/** Thrown by a check that passed its deadline. */
export class CheckBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`the checks took longer than ${budgetMs} ms`);
    this.name = 'CheckBudgetExceeded';
  }
}

/** A wall-clock deadline (performance.now() time) the long loops of the checks look at now and then. */
export interface Deadline {
  at: number;
  budgetMs: number;
}

export function checkDeadline(deadline: Deadline | undefined): void {
  if (deadline && performance.now() > deadline.at) throw new CheckBudgetExceeded(deadline.budgetMs);
}

/**
 * One comment's budget, spent over several synchronous sections (the built-in checks, then the
 * moderators' word lists after their asynchronous reload): time spent waiting between sections
 * (PostgreSQL, an outside provider) does not count.
 */
export class CheckBudget {
  private spent = 0;

  constructor(readonly budgetMs: number) {}

  /** Runs `section` against what is left; throws CheckBudgetExceeded when it ends past the budget. */
  run<T>(section: (deadline: Deadline) => T): T {
    const started = performance.now();
    const deadline = { at: started + this.budgetMs - this.spent, budgetMs: this.budgetMs };
    try {
      const result = section(deadline);
      checkDeadline(deadline);
      return result;
    } finally {
      this.spent += performance.now() - started;
    }
  }
}
