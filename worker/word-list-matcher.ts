import type { Queryable } from '../src/db/pool';
import { listTerms, wordListVersion } from '../src/moderation/word-lists/word-list-repository';
import { createTermMatcher, type CheckBudget } from './checks';

export interface WordListHits {
  banned: Array<{ term: string; matched: string }>;
  suspect: Array<{ term: string; matched: string }>;
}

type Match = ReturnType<typeof createTermMatcher>;

/**
 * The moderators' word lists, compiled once per version. Before each job the worker reads the
 * one-row version counter (with the job's other reads) and recompiles only when it moved, so a
 * change reaches the next comment on every worker without a restart or a message bus.
 */
export function createWordListMatcher() {
  let version: bigint | null = null;
  let banned: Match = () => [];
  let suspect: Match = () => [];
  let loading: Promise<void> | null = null;

  async function load(db: Queryable): Promise<void> {
    // The version first, then the terms: the terms are at least as new as the version recorded.
    const seen = await wordListVersion(db);
    const rows = await listTerms(db);
    banned = createTermMatcher(rows.filter((row) => row.list === 'banned').map((row) => row.term));
    suspect = createTermMatcher(rows.filter((row) => row.list === 'suspect').map((row) => row.term));
    version = BigInt(seen);
  }

  async function refresh(db: Queryable, knownVersion?: string): Promise<void> {
    const current = BigInt(knownVersion ?? (await wordListVersion(db)));
    while (version === null || version < current) {
      // Concurrent jobs share one reload rather than compiling the lists once each.
      loading ??= load(db).finally(() => {
        loading = null;
      });
      await loading;
    }
  }

  return {
    /**
     * `knownVersion`: the version counter, when the caller read it already (in the same statement
     * as its other reads). `budget`: the comment's CHECK_BUDGET_MS, which the matching spends from.
     */
    async match(db: Queryable, text: string, knownVersion?: string, budget?: CheckBudget): Promise<WordListHits> {
      await refresh(db, knownVersion);
      if (!budget) return { banned: banned(text), suspect: suspect(text) };
      return budget.run((deadline) => ({ banned: banned(text, deadline), suspect: suspect(text, deadline) }));
    },
  };
}

export type WordListMatcher = ReturnType<typeof createWordListMatcher>;
