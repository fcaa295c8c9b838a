/**
 * The allow-list of what the public may see of a comment. Built field by field: nothing added to a
 * row later (an email, a hash, a score) can reach a widget by accident.
 */
export interface PublicCommentRow {
  id: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  created_at: Date;
  /** A signed-in reader's badge, from the site's token (null for everyone else). */
  author_badge?: string | null;
  recommendations: number;
  featured: boolean;
}

export interface PublicComment {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
  /** "Staff", "Subscriber"…: given by the site to a signed-in reader; null otherwise. */
  badge: string | null;
  /** How many readers recommend it. */
  recommendations: number;
  /** An editors' pick: shown first, under every order. */
  featured: boolean;
}

export function toPublicComment(row: PublicCommentRow): PublicComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    badge: row.author_badge ?? null,
    recommendations: row.recommendations,
    featured: row.featured,
  };
}
