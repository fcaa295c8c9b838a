import type { Db } from '../db/pool';
import { notFound } from '../errors';
import { addRecommendation, removeRecommendation } from './recommendation-repository';

export interface RecommendDeps {
  db: Db;
  /** Told when a count changed: the article's list pages show counts, and `top` orders by them. */
  countChanged(articleId: string): Promise<void>;
}

export interface RecommendationAnswer {
  id: string;
  recommendations: number;
  /** This reader's recommendation stands (true) or not (false) after the call. */
  recommended: boolean;
}

/**
 * A reader recommends an approved comment, or takes it back: once per reader (the same call again
 * changes nothing and answers the same), counted on the comment.
 */
export async function setRecommendation(
  deps: RecommendDeps,
  commentId: string,
  readerHash: Buffer,
  recommended: boolean,
): Promise<RecommendationAnswer> {
  const state = await (recommended ? addRecommendation : removeRecommendation)(deps.db, commentId, readerHash);
  if (!state) throw notFound('No published comment with this id');
  if (state.changed) await deps.countChanged(state.articleId);
  return { id: commentId, recommendations: state.recommendations, recommended };
}
