-- Moderators and their API keys (stored only as SHA-256 of the key), and the audit trail of every
-- decision on a comment, automatic or human.
CREATE TABLE moderators (
  id           uuid        PRIMARY KEY,
  name         text        NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 100),
  api_key_hash bytea       NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE TABLE moderation_events (
  id           bigserial   PRIMARY KEY,
  comment_id   uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  actor        text        NOT NULL,
  moderator_id uuid        REFERENCES moderators (id) ON DELETE SET NULL,
  from_status  text        NOT NULL,
  to_status    text        NOT NULL,
  reason       text,
  details      jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_events_comment_idx ON moderation_events (comment_id, id);
CREATE INDEX moderation_events_created_idx ON moderation_events (created_at);
