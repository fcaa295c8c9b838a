import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SESSION_OPTIONS, type Queryable } from '../src/db/pool';
import { loadDecisionContexts } from '../src/comments/decision-context-repository';
import {
  findParent,
  findStalePending,
  insertPendingComment,
  insertPendingComments,
  recordAutomaticDecisionsAudited,
  type NewCommentRow,
} from '../src/comments/comment-repository';
import { queueSizes } from '../src/moderation/stats';
import {
  countApprovedByArticle,
  countApprovedComments,
  findOrderChangesSince,
  listApprovedInOrder,
  type OrderKey,
  type PublicSort,
} from '../src/comments/public-list-repository';
import { addRecommendation } from '../src/reactions/recommendation-repository';
import { listForModeration } from '../src/comments/comment-repository';
import { findSurgingArticles } from '../src/surge/surge-repository';
import { fastForwardDispatchState, listCommentsAfter } from '../src/webhooks/dispatch-repository';
import { insertBulkComments, withIndexesRebuilt } from './helpers/bulk-comments';
import { createTestDatabase, dropTestDatabase } from './helpers/test-stack';

/**
 * The hot statements' plans, asserted with EXPLAIN rather than timed: in each state PostgreSQL
 * meets on a real site, each statement reads `comments` only through the index meant for it — no
 * sequential scan of the table, and no range over every recent comment (comments_created_idx)
 * except the surge monitor's window, which is that range by design. Prepared statements are
 * explained as generic plans (plan_cache_mode = force_generic_plan): the plan PostgreSQL may keep
 * for good once it has chosen it. See docs/performance.md, "Plans that statistics cannot break".
 */

interface Call {
  text: string;
  params: unknown[];
  prepare: boolean;
}

/** Runs a repository function against a recorder: the SQL it would send, and how (it may then fail on the empty answer). */
async function sqlOf(fn: (db: Queryable) => Promise<unknown>): Promise<Call[]> {
  const calls: Call[] = [];
  await fn({
    query: (text, params, options) => {
      calls.push({ text, params: params ?? [], prepare: options?.prepare ?? false });
      return Promise.resolve([]);
    },
  }).catch(() => undefined);
  return calls;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

/** The plan PostgreSQL would run in production: generic for a prepared statement, custom otherwise. */
async function planOf(client: Client, call: Call): Promise<PlanNode> {
  if (!call.prepare) {
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${call.text}`, call.params);
    return rows[0]['QUERY PLAN'][0].Plan;
  }
  await client.query('DEALLOCATE ALL');
  await client.query(`PREPARE hot AS ${call.text}`);
  const nulls = call.params.map(() => 'NULL').join(', ');
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE hot(${nulls})`);
  return rows[0]['QUERY PLAN'][0].Plan;
}

interface Hot {
  name: string;
  calls: () => Promise<Call[]>;
  /**
   * Every index of `comments` the plan may use, and must use; a list of names is a choice of one
   * (a count by article may read either of the two public-list indexes, whose leading columns agree).
   */
  indexes: Array<string | string[]>;
  /** A sort of the comments read is allowed (the surge monitor groups its window, the sweeper its backlog, the dispatcher its lag). */
  sorts?: boolean;
}

const newRow = (): NewCommentRow => ({
  id: randomUUID(),
  articleId: 'bulk-article-7',
  parentId: null,
  authorName: 'Dana',
  authorEmailEnc: Buffer.from('enc'),
  authorEmailHash: Buffer.alloc(32, 7),
  ipHash: Buffer.alloc(32, 8),
  body: 'A reply.',
  bodyHash: Buffer.alloc(32, 9),
});

/** A page position a day into the archive's article, as a cursor carries it. */
const position = (): OrderKey => ({ recommendations: 3, createdUs: String((Date.now() - 86_400_000) * 1000), id: randomUUID() });
/** The public list's page reads in one order: picks and the rest, first pages and later ones. */
const pageReads = (sort: PublicSort) => () =>
  sqlOf(async (db) => {
    for (const featured of [true, false]) {
      for (const from of [null, position()]) {
        await listApprovedInOrder(db, 'bulk-article-7', { sort, featured, from, exclude: [randomUUID(), randomUUID()], limit: 21 });
      }
    }
  });
const PUBLIC_COUNT_INDEXES = ['comments_public_order_idx', 'comments_public_top_idx'];

const HOT: Hot[] = [
  {
    name: 'public list: a page, oldest first',
    calls: pageReads('oldest'),
    indexes: ['comments_public_order_idx'],
  },
  {
    name: 'public list: a page, newest first',
    calls: pageReads('newest'),
    indexes: ['comments_public_order_idx'],
  },
  {
    name: 'public list: a page, most recommended first',
    calls: pageReads('top'),
    indexes: ['comments_public_top_idx'],
  },
  {
    name: 'public list: the comments moved since the snapshot',
    calls: () => sqlOf((db) => findOrderChangesSince(db, 'bulk-article-7', String((Date.now() - 60_000) * 1000), 2000)),
    indexes: ['comments_pkey'],
  },
  {
    name: 'public list: the total',
    calls: () => sqlOf((db) => countApprovedComments(db, 'bulk-article-7')),
    indexes: [PUBLIC_COUNT_INDEXES],
  },
  {
    name: 'section pages: counts of 100 articles',
    calls: () =>
      sqlOf((db) =>
        countApprovedByArticle(
          db,
          Array.from({ length: 100 }, (_, i) => `bulk-article-${i}`),
        ),
      ),
    indexes: [PUBLIC_COUNT_INDEXES],
    // It may group the approved comments of the 100 articles asked for by sorting them: bounded by
    // those articles, cached per article, never the table.
    sorts: true,
  },
  {
    name: 'readers: a recommendation',
    calls: () => sqlOf((db) => addRecommendation(db, randomUUID(), Buffer.alloc(32, 3))),
    indexes: ['comments_pkey'],
  },
  {
    name: 'moderators: the reported queue',
    calls: () => sqlOf((db) => listForModeration(db, { reported: true, order: 'newest' }, null, 26)),
    indexes: ['comments_pkey'],
    // The comments with open reports (a few), sorted by time: bounded by what readers reported, not the table.
    sorts: true,
  },
  {
    name: 'worker: decision read',
    calls: () => sqlOf((db) => loadDecisionContexts(db, [randomUUID(), randomUUID()], { trustWindowDays: 90 })),
    indexes: ['comments_pkey', 'comments_author_recent_idx', 'comments_ip_recent_idx', 'comments_body_recent_idx'],
  },
  {
    name: 'worker: decisions written',
    calls: () =>
      sqlOf((db) =>
        recordAutomaticDecisionsAudited(db, [
          {
            id: randomUUID(),
            status: 'approved',
            checks: { spam: { isSpam: false, score: 0, reasons: [] }, profanity: { isProfane: false, terms: [] } },
            audit: { reason: null, details: {} },
          },
        ]),
      ),
    indexes: ['comments_pkey'],
  },
  {
    name: 'intake: one comment (closed-article check)',
    calls: () => sqlOf((db) => insertPendingComment(db, newRow(), 30)),
    indexes: ['comments_article_created_idx'],
  },
  {
    name: 'intake: gathered comments (closed-article check)',
    calls: () => sqlOf((db) => insertPendingComments(db, [newRow(), newRow()], 30)),
    indexes: ['comments_article_created_idx'],
  },
  {
    name: 'intake: the parent of a reply',
    calls: () => sqlOf((db) => findParent(db, randomUUID())),
    indexes: ['comments_pkey'],
  },
  {
    name: 'sweeper: comments left pending',
    calls: () => sqlOf((db) => findStalePending(db, 5, 500, [randomUUID(), randomUUID()])),
    indexes: ['comments_pending_idx', 'comments_pkey'],
    // It may read every pending comment and keep the oldest 500: bounded by the backlog, once a poll.
    sorts: true,
  },
  {
    name: 'gauges: the pending and held queues (at most every 5 s)',
    calls: () => sqlOf((db) => queueSizes(db)),
    indexes: ['comments_status_created_idx'],
  },
  {
    name: 'surge monitor: the window',
    calls: () => sqlOf((db) => findSurgingArticles(db, { comments: 300, windowMinutes: 10, spamRate: 0.5, spamMinComments: 10 })),
    indexes: ['comments_created_idx'],
    sorts: true,
  },
  {
    name: 'webhook dispatcher: comments after its cursor',
    calls: () => sqlOf((db) => listCommentsAfter(db, { at: new Date().toISOString(), id: randomUUID() }, 2, 500)),
    indexes: ['comments_created_idx'],
    // Never analysed, it may read every comment after its cursor and sort them: bounded by how far
    // the dispatcher lags, once a poll, never the table.
    sorts: true,
  },
  {
    name: 'webhook dispatcher: skipping to the end with no webhook',
    calls: () => sqlOf((db) => fastForwardDispatchState(db, 2)),
    indexes: ['comments_created_idx'],
  },
];

/** Whether a sort in the plan takes its rows from comments: every row of the range, before any LIMIT. */
function sortsComments(plan: PlanNode): boolean {
  return [...nodes(plan)].some(
    (node) => node['Node Type'] === 'Sort' && [...nodes(node)].some((below) => below['Relation Name'] === 'comments'),
  );
}

/** The states a site's PostgreSQL is in when a story goes viral; each builds its own database. */
const STATES: Array<{ name: string; build: (client: Client) => Promise<void> }> = [
  {
    name: 'never analysed, 20,000 pending',
    build: async (client) => {
      await insertBulkComments(client, { count: 20_000, articles: 20, status: 'pending', ageSeconds: 60 });
    },
  },
  {
    name: 'analysed at 50 rows (one author, one client, one text), then 20,000 pending',
    build: async (client) => {
      await insertBulkComments(client, { count: 50, articles: 1, status: 'approved', ageSeconds: 3600, sameEverything: true });
      await client.query('ANALYZE comments');
      await insertBulkComments(client, { count: 20_000, articles: 20, status: 'pending', ageSeconds: 60 });
    },
  },
  {
    name: 'a year of archive: 1,000,000 comments over 2,000 articles, analysed, then 2,000 pending',
    build: async (client) => {
      await withIndexesRebuilt(client, () =>
        insertBulkComments(client, { count: 1_000_000, articles: 2_000, status: 'approved', ageSeconds: 365 * 86_400 }),
      );
      await client.query('ANALYZE comments');
      await insertBulkComments(client, { count: 2_000, articles: 20, status: 'pending', ageSeconds: 60 });
    },
  },
];

describe('Plans of the hot statements (EXPLAIN)', () => {
  jest.setTimeout(300_000);

  describe.each(STATES)('When PostgreSQL is $name', ({ build }) => {
    let url: string;
    let client: Client;
    beforeAll(async () => {
      url = await createTestDatabase();
      client = new Client({ connectionString: url, options: SESSION_OPTIONS });
      await client.connect();
      // Autovacuum must not analyse behind the test's back: the state is the point.
      await client.query('ALTER TABLE comments SET (autovacuum_enabled = false)');
      await build(client);
      await client.query('SET plan_cache_mode = force_generic_plan');
    });
    afterAll(async () => {
      await client?.end();
      if (url) await dropTestDatabase(url);
    });

    test.each(HOT)('then "$name" reads comments only through its index', async ({ calls, indexes, sorts }) => {
      const used = new Set<string>();
      for (const call of await calls()) {
        const plan = await planOf(client, call);
        if (!sorts) expect(sortsComments(plan)).toBe(false);
        for (const node of nodes(plan)) {
          expect({ node: node['Node Type'], relation: node['Relation Name'] }).not.toEqual({ node: 'Seq Scan', relation: 'comments' });
          const index = node['Index Name'];
          if (index?.startsWith('comments_')) {
            used.add(index);
            // An index used without a condition is a full scan of it: only the partial index of
            // pending comments may be read whole (the oldest first), for it holds nothing else.
            if (index !== 'comments_pending_idx') {
              expect({ index, cond: node['Index Cond'] }).toEqual({ index, cond: expect.any(String) });
            }
          }
        }
      }
      const expected = indexes.map((choice) =>
        Array.isArray(choice) ? (choice.find((name) => used.has(name)) ?? choice.join(' or ')) : choice,
      );
      expect([...used].sort()).toEqual(expected.sort());
    });
  });
});
