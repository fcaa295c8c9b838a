-- sift:no-transaction
-- Deleting a comment (retention, erasure) makes PostgreSQL find its replies (parent_id, ON DELETE
-- SET NULL) and its idempotency key (ON DELETE CASCADE). Without these indexes each deleted row
-- cost a scan of the whole table: at about 400,000 comments a purge batch outlived the statement
-- timeout and nothing was ever purged. Built CONCURRENTLY, outside a transaction, so that a large
-- live table keeps taking comments while they are built; IF NOT EXISTS lets the file run again
-- after an interruption (the runner drops a half-built index first: src/db/migrate.ts).
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_parent_idx ON comments (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idempotency_keys_comment_idx ON idempotency_keys (comment_id);
