-- A client's Idempotency-Key and the first answer given for it. The key is unique on its own; the
-- request hash covers the article and the body, so the same key with another request is refused.
CREATE TABLE idempotency_keys (
  key          text        PRIMARY KEY,
  request_hash bytea       NOT NULL,
  comment_id   uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  response     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
