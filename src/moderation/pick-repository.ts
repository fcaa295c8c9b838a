import type { Queryable } from '../db/pool';

/**
 * The audit row of an editors' pick, and the change of order it makes on the public list
 * (public_order_changes: a list paged across the change keeps its snapshot's order).
 */
export async function recordPickChange(
  db: Queryable,
  change: { commentId: string; articleId: string; featured: boolean; actor: string; moderatorId: string | null },
): Promise<void> {
  await db.query(
    `WITH audit AS (
       INSERT INTO comment_pick_events (comment_id, action, actor, moderator_id) VALUES ($1, $2, $3, $4)
     )
     INSERT INTO public_order_changes (article_id, comment_id, featured_before) VALUES ($5, $1, $6)`,
    [change.commentId, change.featured ? 'featured' : 'unfeatured', change.actor, change.moderatorId, change.articleId, !change.featured],
  );
}

export interface PickEventRow {
  action: 'featured' | 'unfeatured';
  actor: string;
  created_at: Date;
}

export async function listPickEvents(db: Queryable, commentId: string): Promise<PickEventRow[]> {
  return db.query<PickEventRow>('SELECT action, actor, created_at FROM comment_pick_events WHERE comment_id = $1 ORDER BY id', [commentId]);
}
