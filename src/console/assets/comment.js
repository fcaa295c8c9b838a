// @ts-check
import { api, paths } from './api.js';
import { excerpt, h, plural, replace, timeAgo, when } from './dom.js';
import { REPORT_REASONS, STATUS, reasonLabel, ruleInWords } from './words.js';

/**
 * One comment, in full: its text, article and author, why it is where it is (the rule that fired
 * and the checks' scores and reasons in words), the author's other comments and their outcomes,
 * and the decision log. The author's email address is fetched only when the moderator asks.
 */

/** @param {string} id */
export async function loadComment(id) {
  const [comment, log, author, reports] = await Promise.all([
    api(paths.comment(id)),
    api(`${paths.comment(id)}/history`),
    api(`${paths.comment(id)}/author`),
    api(`${paths.comment(id)}/reports`),
  ]);
  return { comment, log, author, reports: reports.reports };
}

/** @param {string} status */
export const statusBadge = (status) => h('span', { class: ['badge', `status-${status}`] }, STATUS[status] ?? status);

/**
 * @param {{ comment: any, log: any, author: any, reports?: any[] }} data
 * @param {{ actions: Array<{ key: string, label: string, run: () => void, className?: string }> }} options
 */
export function commentDetail({ comment, log, author, reports = [] }, { actions }) {
  const automatic = [...log.history].reverse().find((/** @type {any} */ entry) => entry.by === 'auto');
  return h(
    'article',
    { class: 'detail', 'aria-labelledby': 'detail-title', dataset: { commentId: comment.id } },
    h(
      'header',
      null,
      h('h2', { id: 'detail-title', tabindex: '-1' }, 'Comment by ', h('span', { class: 'author' }, comment.authorName)),
      h(
        'p',
        { class: 'meta' },
        'On ',
        h('a', { href: `#/articles/${encodeURIComponent(comment.articleId)}`, class: 'article-id' }, comment.articleId),
        ' · posted ',
        timeAgo(comment.createdAt),
        ' · ',
        statusBadge(comment.status),
        comment.decidedBy && comment.decidedBy !== 'auto' ? ` by ${comment.decidedBy}` : null,
        comment.featured ? [' · ', h('span', { class: 'badge' }, 'Editors’ pick')] : null,
        comment.recommendations ? ` · ${plural(comment.recommendations, 'recommendation')}` : null,
      ),
    ),
    h('div', { class: 'comment-body' }, comment.body),
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Decide' },
      actions.map((action) =>
        h(
          'button',
          { type: 'button', class: action.className, 'aria-keyshortcuts': action.key, onclick: action.run },
          action.label,
          ' ',
          h('kbd', { 'aria-hidden': 'true' }, action.key),
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'why-title' },
      h('h3', { id: 'why-title' }, 'Why it is here'),
      automatic
        ? h(
            'p',
            null,
            `The worker ${verb(automatic.to)} it: ${ruleInWords(automatic.rule)}.`,
            automatic.reason ? h('span', { class: 'muted' }, ` (${automatic.reason})`) : null,
          )
        : h('p', null, comment.status === 'pending' ? 'The checks have not run yet.' : 'No automatic decision is on record.'),
      comment.reports?.open && automatic?.rule !== 'reader-reports'
        ? h('p', null, `Readers reported it since: ${plural(comment.reports.open, 'report')} waiting (below).`)
        : null,
      checksInWords(comment.checks),
    ),
    reports.length ? reportsSection(reports) : null,
    authorSection(comment, author),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'log-title' },
      h('h3', { id: 'log-title' }, 'Decision log'),
      h('ol', { class: 'log' }, log.history.map(logEntry)),
    ),
  );
}

/** @param {string} status */
const verb = (status) => ({ approved: 'approved', held: 'held', rejected: 'rejected', spam: 'marked as spam' })[status] ?? status;

/** @param {any} checks */
function checksInWords(checks) {
  if (!checks) return null;
  const spam = checks.spam;
  const profanity = checks.profanity;
  return h(
    'dl',
    { class: 'checks' },
    spam
      ? [
          h('dt', null, 'Spam check'),
          h(
            'dd',
            null,
            h('meter', { min: 0, max: 1, low: 0.3, high: 0.5, optimum: 0, value: spam.score, 'aria-label': 'Spam score' }),
            ` score ${spam.score.toFixed(2)} of 1${spam.isSpam ? ', spam' : ''}`,
            spam.reasons?.length
              ? h(
                  'ul',
                  null,
                  spam.reasons.map((/** @type {string} */ reason) => h('li', null, reason)),
                )
              : h('span', { class: 'muted' }, '; no signal of spam'),
          ),
        ]
      : null,
    profanity
      ? [
          h('dt', null, 'Profanity check'),
          h(
            'dd',
            null,
            profanity.isProfane ? `found: ${profanity.terms.join(', ')}` : 'nothing found',
            profanity.reasons?.length
              ? h(
                  'ul',
                  null,
                  profanity.reasons.map((/** @type {string} */ reason) => h('li', null, reason)),
                )
              : null,
          ),
        ]
      : null,
  );
}

/** @param {any} comment @param {any} author */
function authorSection(comment, author) {
  const counts = Object.entries(author.byStatus).map(([status, n]) => `${n} ${(STATUS[status] ?? status).toLowerCase()}`);
  const emailSlot = h(
    'div',
    { class: 'email-slot' },
    h('button', { type: 'button', class: 'link-button', onclick: () => void revealEmail(comment.id, emailSlot) }, 'Show email address'),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'author-title' },
    h('h3', { id: 'author-title' }, 'The author'),
    emailSlot,
    h('p', null, author.others.length ? `Other comments: ${counts.join(', ')}.` : 'No other comment from this author.'),
    author.others.length
      ? h(
          'ul',
          { class: 'others' },
          author.others.map((/** @type {any} */ other) =>
            h(
              'li',
              null,
              statusBadge(other.status),
              ' ',
              h('span', null, excerpt(other.body, 90)),
              ' ',
              h('span', { class: 'muted' }, 'on ', other.articleId, ', ', timeAgo(other.createdAt)),
            ),
          ),
        )
      : null,
  );
}

/**
 * Readers' reports, newest first: the reason, their words, and what settled each. A notice of
 * illegal content names its sender; their address is fetched only when the moderator asks.
 * @param {any[]} reports
 */
function reportsSection(reports) {
  const open = reports.filter((report) => !report.decision).length;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'reports-title' },
    h('h3', { id: 'reports-title' }, 'Readers’ reports'),
    h(
      'p',
      null,
      `${plural(reports.length, 'report')}, ${open} waiting for a decision. Deciding on the comment settles them: removing it upholds them, publishing it dismisses them.`,
    ),
    h(
      'ul',
      { class: 'reports' },
      reports.map((report) =>
        h(
          'li',
          null,
          h('strong', null, REPORT_REASONS[report.reason] ?? report.reason),
          ' ',
          h('span', { class: 'muted' }, timeAgo(report.createdAt)),
          report.explanation ? h('p', { class: 'report-text' }, report.explanation) : null,
          report.notice ? noticeDetails(report) : null,
          h(
            'p',
            { class: 'muted' },
            report.decision
              ? `${report.decision.resolution === 'upheld' ? 'Upheld' : 'Dismissed'} by ${report.decision.by ?? 'a moderator'}, ${when(report.decision.at)}`
              : 'Open',
          ),
        ),
      ),
    ),
  );
}

/** @param {any} report */
function noticeDetails(report) {
  const slot = h(
    'div',
    { class: 'email-slot' },
    report.notice.hasEmail
      ? h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => void revealReporterEmail(report.id, slot) },
          `Show ${report.notice.reporterName ?? 'the sender'}’s email address`,
        )
      : null,
  );
  return h(
    'div',
    { class: 'notice' },
    h(
      'p',
      null,
      'Notice of illegal content from ',
      h('strong', null, report.notice.reporterName ?? '(name removed)'),
      report.notice.goodFaith ? ', who states it is accurate and complete in good faith' : '',
      '.',
    ),
    report.notice.location ? h('p', { class: 'muted' }, 'Seen at ', report.notice.location) : null,
    slot,
  );
}

/** @param {string} reportId @param {HTMLElement} slot */
async function revealReporterEmail(reportId, slot) {
  try {
    const { reporterEmail } = await api(`/v1/moderation/reports/${encodeURIComponent(reportId)}/email`);
    replace(slot, h('p', null, 'Sender’s email address: ', h('output', { class: 'email', tabindex: '-1' }, reporterEmail)));
    /** @type {HTMLElement} */ (slot.querySelector('output')).focus();
  } catch (error) {
    replace(slot, h('p', { class: 'form-error', role: 'alert' }, /** @type {Error} */ (error).message));
  }
}

/** @param {string} id @param {HTMLElement} slot */
async function revealEmail(id, slot) {
  try {
    const { authorEmail } = await api(`${paths.comment(id)}/email`);
    replace(slot, h('p', null, 'Email address: ', h('output', { class: 'email', tabindex: '-1' }, authorEmail)));
    /** @type {HTMLElement} */ (slot.querySelector('output')).focus();
  } catch (error) {
    replace(slot, h('p', { class: 'form-error', role: 'alert' }, /** @type {Error} */ (error).message));
  }
}

/** @param {any} entry */
function logEntry(entry) {
  const what = entry.from ? `${STATUS[entry.from] ?? entry.from} → ${STATUS[entry.to] ?? entry.to}` : (STATUS[entry.to] ?? entry.to);
  const who = entry.by === 'auto' ? 'Worker' : entry.by === 'commenter' ? 'Commenter' : entry.by;
  return h(
    'li',
    null,
    h('time', { datetime: entry.at }, when(entry.at)),
    ' · ',
    h('strong', null, who),
    ' · ',
    what,
    entry.by === 'auto' || entry.rule === 'editors-pick' ? ` · ${ruleInWords(entry.rule)}` : null,
    entry.reasonCode ? ` · ${reasonLabel(entry.reasonCode)}` : null,
    entry.via ? ` · ${entry.via === 'bulk' ? 'bulk action' : 'ban'}` : null,
    entry.reason && entry.by !== 'auto' ? h('span', { class: 'muted' }, ` · “${entry.reason}”`) : null,
    entry.scores?.spam !== null && entry.scores?.spam !== undefined
      ? h('span', { class: 'muted' }, ` · spam ${entry.scores.spam.toFixed(2)}`)
      : null,
  );
}
