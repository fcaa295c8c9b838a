-- sift:no-transaction
-- The public list in each order (issue 20), picks first: oldest and newest read one index forwards
-- or backwards, most recommended its own. Each has the article and the pick as its leading columns,
-- so a page is one range of one index whatever the statistics (docs/performance.md). The former
-- index of the oldest-first list (article, created_at, id) is dropped: the first index serves
-- everything it served, and each approval writes one entry fewer. Built CONCURRENTLY, outside a
-- transaction, so a large live table keeps taking comments meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_public_order_idx ON comments (article_id, featured, created_at, id)
  WHERE status = 'approved';
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_public_top_idx ON comments (article_id, featured, (-recommendations), created_at, id)
  WHERE status = 'approved';
DROP INDEX CONCURRENTLY IF EXISTS comments_public_page_idx;
