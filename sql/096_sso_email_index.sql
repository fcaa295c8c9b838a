-- sift:no-transaction
-- Privacy requests by address look for signed-in readers' comments by the token address's hash.
-- Few comments have one, so the index is small; built CONCURRENTLY so a large live table keeps
-- taking comments meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_sso_email_idx ON comments (sso_email_hash) WHERE sso_email_hash IS NOT NULL;
