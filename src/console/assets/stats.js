// @ts-check
import { api, paths } from './api.js';
import { duration, h, plural, replace, when } from './dom.js';
import { rateBars, stackedBars } from './charts.js';
import { statusLine } from './forms.js';
import { REPORT_REASONS, reasonLabel, ruleInWords } from './words.js';

/**
 * How the desk is doing: the queues now, the worker's decisions per rule, how often moderators
 * overturned each rule (its false-positive rate) and their own decisions by reason, over a period.
 */

const PERIODS = /** @type {const} */ ([
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
]);

/** @param {HTMLElement} root @param {URLSearchParams} params */
export function statsView(root, params) {
  const chosen = PERIODS.some(([p]) => p === params.get('period')) ? String(params.get('period')) : '7d';
  const status = statusLine();
  const content = h('div', { 'aria-busy': 'true' });
  const select = h(
    'select',
    { id: 'stats-period', onchange: () => (location.hash = `#/stats?period=${select.value}`) },
    PERIODS.map(([value, label]) => h('option', { value, selected: value === chosen }, label)),
  );
  replace(
    root,
    h('h1', { class: 'view-title' }, 'Stats'),
    h('p', { class: 'inline-form' }, h('label', { for: 'stats-period' }, 'Period'), select),
    status.el,
    content,
  );

  api(paths.stats, { query: { period: chosen } })
    .then((stats) => {
      content.removeAttribute('aria-busy');
      const byReason = Object.entries(stats.moderators.byReasonCode);
      replace(
        content,
        h('p', { class: 'muted' }, `From ${when(stats.from)} to ${when(stats.to)}.`),
        h(
          'ul',
          { class: 'tiles', 'aria-label': 'Now' },
          tile('Held now', stats.queues.held.toLocaleString('en')),
          tile('Oldest held', duration(stats.queues.oldestHeldAgeSeconds)),
          tile('Pending now', stats.queues.pending.toLocaleString('en')),
          tile('Moderator decisions', stats.moderators.decisions.toLocaleString('en')),
          tile('Surges now', String(stats.surges.active.length)),
          stats.reports ? tile('Reports waiting', stats.reports.open.toLocaleString('en')) : null,
        ),
        stats.rules.length
          ? [
              stackedBars({
                caption: 'The worker’s decisions per rule',
                keys: [
                  { key: 'approved', label: 'Approved' },
                  { key: 'held', label: 'Held' },
                  { key: 'rejected', label: 'Rejected' },
                  { key: 'spam', label: 'Spam' },
                ],
                rows: stats.rules.map((/** @type {any} */ r) => ({ label: r.rule, values: r.byStatus })),
              }),
              rateBars({
                caption: 'How often moderators overturned each rule',
                rows: stats.rules.map((/** @type {any} */ r) => ({
                  label: r.rule,
                  rate: r.overturnRate,
                  note: `${r.overturned} of ${plural(r.reviewed, 'reviewed decision')}`,
                })),
              }),
              h(
                'details',
                null,
                h('summary', null, 'What the rules mean'),
                h(
                  'dl',
                  { class: 'facts' },
                  stats.rules.map((/** @type {any} */ r) => [h('dt', null, r.rule), h('dd', null, ruleInWords(r.rule))]),
                ),
              ),
            ]
          : h('p', null, 'The worker decided nothing in this period.'),
        stats.reports ? reportsSummary(stats.reports) : null,
        byReason.length
          ? stackedBars({
              caption: 'Moderators’ decisions by reason code',
              keys: [{ key: 'count', label: 'Decisions' }],
              rows: byReason.map(([code, count]) => ({ label: reasonLabel(code), values: { count: Number(count) } })),
            })
          : null,
      );
    })
    .catch((error) => status.fail(error));
  return {};
}

/** Readers' reports in the period: received by reason, and how moderators settled them. @param {any} reports */
function reportsSummary(reports) {
  const reasons = Object.entries(reports.byReason);
  return h(
    'section',
    { 'aria-labelledby': 'reports-stats-title' },
    h('h2', { id: 'reports-stats-title' }, 'Readers’ reports'),
    h(
      'p',
      null,
      `${plural(reports.received, 'report')} received, ${plural(reports.notices.received, 'notice')} of illegal content among them. `,
      `Moderators upheld ${reports.upheld} and dismissed ${reports.dismissed}`,
      reports.upheldRate === null ? '.' : ` (${Math.round(reports.upheldRate * 100)} % upheld).`,
    ),
    reasons.length
      ? stackedBars({
          caption: 'Reports by reason',
          keys: [{ key: 'count', label: 'Reports' }],
          rows: reasons.map(([reason, count]) => ({ label: REPORT_REASONS[reason] ?? reason, values: { count: Number(count) } })),
        })
      : null,
  );
}

/** @param {string} label @param {string} value */
function tile(label, value) {
  return h('li', { class: 'tile' }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
}
