// @ts-check
import { h, svg } from './dom.js';

/**
 * Bar charts as tables: each row's label and figures are text (read by screen readers, reflowed at
 * any zoom), its bar a small inline SVG that only draws them. No library, no inline style: widths
 * are SVG attributes and colours come from the stylesheet's classes.
 */

/**
 * Stacked horizontal bars, one per row, on a common scale.
 * @param {{ caption: string, keys: Array<{ key: string, label: string }>, rows: Array<{ label: string, values: Record<string, number> }> }} chart
 */
export function stackedBars({ caption, keys, rows }) {
  const totals = rows.map((row) => keys.reduce((sum, { key }) => sum + (row.values[key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, caption),
    legend(keys),
    h(
      'table',
      { class: 'chart-table' },
      h(
        'thead',
        { class: 'visually-hidden' },
        h('tr', null, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Bar'), h('th', { scope: 'col' }, 'Figures')),
      ),
      h(
        'tbody',
        null,
        rows.map((row, i) => {
          let x = 0;
          return h(
            'tr',
            null,
            h('th', { scope: 'row' }, row.label),
            h(
              'td',
              { class: 'bar-cell' },
              svg(
                'svg',
                { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'bar', 'aria-hidden': 'true', focusable: 'false' },
                keys.map(({ key }) => {
                  const width = (100 * (row.values[key] ?? 0)) / max;
                  const rect = svg('rect', { x: x.toFixed(3), y: 0, width: width.toFixed(3), height: 10, class: `seg seg-${key}` });
                  x += width;
                  return rect;
                }),
              ),
            ),
            h(
              'td',
              { class: 'figures' },
              `${totals[i].toLocaleString('en')}: `,
              keys
                .filter(({ key }) => row.values[key])
                .map(({ key, label }) => `${row.values[key].toLocaleString('en')} ${label.toLowerCase()}`)
                .join(', '),
            ),
          );
        }),
      ),
    ),
  );
}

/**
 * Rates (0..1) as bars on a 0–100 % scale; a null rate reads "not reviewed".
 * @param {{ caption: string, rows: Array<{ label: string, rate: number | null, note: string }> }} chart
 */
export function rateBars({ caption, rows }) {
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, caption),
    h(
      'table',
      { class: 'chart-table' },
      h(
        'thead',
        { class: 'visually-hidden' },
        h('tr', null, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Bar'), h('th', { scope: 'col' }, 'Rate')),
      ),
      h(
        'tbody',
        null,
        rows.map((row) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, row.label),
            h(
              'td',
              { class: 'bar-cell' },
              svg(
                'svg',
                { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'bar', 'aria-hidden': 'true', focusable: 'false' },
                svg('rect', { x: 0, y: 0, width: 100, height: 10, class: 'seg seg-track' }),
                svg('rect', { x: 0, y: 0, width: ((row.rate ?? 0) * 100).toFixed(3), height: 10, class: 'seg seg-rate' }),
              ),
            ),
            h('td', { class: 'figures' }, row.rate === null ? 'not reviewed' : `${(row.rate * 100).toFixed(1)} % (${row.note})`),
          ),
        ),
      ),
    ),
  );
}

/** @param {Array<{ key: string, label: string }>} keys */
function legend(keys) {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    keys.map(({ key, label }) =>
      h(
        'li',
        null,
        svg(
          'svg',
          { viewBox: '0 0 10 10', class: 'swatch', focusable: 'false' },
          svg('rect', { x: 0, y: 0, width: 10, height: 10, class: `seg seg-${key}` }),
        ),
        ` ${label}`,
      ),
    ),
  );
}
