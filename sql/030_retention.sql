-- Retention (RETENTION_DAYS): the purge finds spam/rejected comments and still-kept IP hashes by
-- age without scanning the whole table.
CREATE INDEX comments_purgeable_idx ON comments ((coalesce(decided_at, created_at)))
  WHERE status IN ('spam', 'rejected');
CREATE INDEX comments_ip_hash_age_idx ON comments (created_at) WHERE ip_hash IS NOT NULL;
