-- Comments and their moderation state. Email addresses are stored only encrypted (AES-256-GCM)
-- with a keyed hash (HMAC-SHA256) beside them for equality look-ups; client IPs only as keyed hashes.
CREATE TABLE comments (
  id                uuid PRIMARY KEY,
  article_id        text        NOT NULL CHECK (char_length(article_id) BETWEEN 1 AND 200),
  parent_id         uuid        REFERENCES comments (id) ON DELETE SET NULL,
  author_name       text        NOT NULL,
  author_email_enc  bytea       NOT NULL,
  author_email_hash bytea       NOT NULL,
  ip_hash           bytea,
  body              text        NOT NULL,
  body_hash         bytea       NOT NULL,
  status            text        NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'held', 'rejected', 'spam')),
  checks            jsonb,
  decided_by        text,
  decided_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The public read: approved comments of one article, oldest first, keyset-paginated.
CREATE INDEX comments_public_page_idx ON comments (article_id, created_at, id)
  INCLUDE (parent_id, author_name) WHERE status = 'approved';

-- The moderation queue, newest first by default, filtered by status and/or article.
CREATE INDEX comments_status_created_idx ON comments (status, created_at DESC, id DESC);
CREATE INDEX comments_article_created_idx ON comments (article_id, created_at DESC, id DESC);

-- The sweeper's scan for comments whose moderation job was lost.
CREATE INDEX comments_pending_idx ON comments (created_at) WHERE status = 'pending';

-- Behaviour signals: the same author, client or text again within a short time.
CREATE INDEX comments_author_recent_idx ON comments (author_email_hash, created_at);
CREATE INDEX comments_ip_recent_idx ON comments (ip_hash, created_at) WHERE ip_hash IS NOT NULL;
CREATE INDEX comments_body_recent_idx ON comments (body_hash, created_at);
