import { randomBytes } from 'node:crypto';

export const randomArticleId = (label = 'article') => `${label}-${randomBytes(6).toString('hex')}`;

export interface CommentInput {
  authorName: string;
  authorEmail: string;
  body: string;
  parentId?: string | null;
}

/** A plausible reader's comment; each call is a different reader unless overridden. */
export function buildComment(overrides: Partial<CommentInput> = {}): CommentInput {
  const tag = randomBytes(4).toString('hex');
  return {
    authorName: `Reader ${tag}`,
    authorEmail: `reader.${tag}@example.org`,
    body: `Our trust was hit by WannaCry too; patching the old XP machines took weeks. (${tag})`,
    ...overrides,
  };
}
