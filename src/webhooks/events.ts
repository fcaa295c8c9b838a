/** What a webhook can subscribe to. `article.surge`: an article switched itself to pre-moderation. */
export const WEBHOOK_EVENTS = [
  'comment.received',
  'comment.approved',
  'comment.held',
  'comment.rejected',
  'comment.spam',
  'article.surge',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * The JSON body of every delivery. `id` is the event's (the same across retries and replays of
 * it, so receivers can de-duplicate); the delivery's own id travels in the `Sift-Delivery` header.
 * No email address, nor any hash of one, is ever part of it.
 */
export interface WebhookPayload {
  id: string;
  type: WebhookEvent;
  createdAt: string;
  data: CommentEventData | SurgeEventData;
}

export interface CommentEventData {
  commentId: string;
  articleId: string;
  parentId: string | null;
  status: string;
  previousStatus: string | null;
  authorName: string;
  body: string;
  /** "auto", a moderator's name, or null for comment.received. */
  decidedBy: string | null;
  /** The worker's rule ("clean", "spam", "profanity", "borderline-spam", "premoderation"), null for people. */
  rule: string | null;
}

export interface SurgeEventData {
  articleId: string;
  trigger: 'volume' | 'spam_rate';
  comments: number;
  spamRate: number | null;
  premoderationUntil: string;
}

export const STATUS_EVENTS: Record<string, WebhookEvent | undefined> = {
  approved: 'comment.approved',
  held: 'comment.held',
  rejected: 'comment.rejected',
  spam: 'comment.spam',
};
