import { AppError, notFound } from '../errors';
import { findComment, setFeatured } from '../comments/comment-repository';
import { viewOf, type ModerationDeps } from './moderate-comment';
import type { Principal } from './moderator-auth';
import type { ModeratorView } from './moderator-view';
import { recordPickChange } from './pick-repository';

/**
 * Editors' picks: a moderator features a published comment (shown first and marked on the public
 * list, under every order) or stops featuring one. Each change is audited (comment_pick_events,
 * shown in the comment's decision log); asking for the state a comment already has changes nothing.
 */
export async function setPick(deps: ModerationDeps, principal: Principal, commentId: string, featured: boolean): Promise<ModeratorView> {
  const { row, changed } = await deps.db.withTransaction(async (tx) => {
    const current = await findComment(tx, commentId, true);
    if (!current) throw notFound('No comment with this id');
    if (featured && current.status !== 'approved') {
      throw new AppError('not_published', 409, 'Only a published (approved) comment can be an editors\u2019 pick');
    }
    if (current.featured === featured) return { row: current, changed: false };
    const row = (await setFeatured(tx, commentId, featured))!;
    await recordPickChange(tx, {
      commentId,
      articleId: row.article_id,
      featured,
      actor: principal.name,
      moderatorId: principal.moderatorId,
    });
    return { row, changed: true };
  });
  if (changed && row.status === 'approved') await deps.listCache?.invalidate(row.article_id);
  return viewOf(deps, row);
}
