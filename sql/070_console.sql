-- The moderation console (issue 18): server-side sessions, editable trust settings, and the index
-- behind its "recently decided" queue.

-- A signed-in console: the cookie carries a random token, the table only its SHA-256 (a copy of the
-- table opens no session). A moderator's session ends with their key (revoked_at) or its row; an
-- admin session records which ADMIN_API_KEY opened it (a keyed hash), so rotating that key ends it.
CREATE TABLE console_sessions (
  token_hash     bytea       PRIMARY KEY,
  role           text        NOT NULL CHECK (role IN ('admin', 'moderator')),
  moderator_id   uuid        REFERENCES moderators (id) ON DELETE CASCADE,
  name           text        NOT NULL,
  admin_key_mark bytea,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  CHECK ((role = 'moderator') = (moderator_id IS NOT NULL)),
  CHECK ((role = 'admin') = (admin_key_mark IS NOT NULL))
);
CREATE INDEX console_sessions_expires_idx ON console_sessions (expires_at);

-- Trust settings the newsroom edits at run time; a NULL column falls back to its environment
-- setting (TRUST_MIN_APPROVED, TRUST_WINDOW_DAYS, HOLD_FIRST_COMMENT_WITH_LINK). The worker reads
-- the one row with each batch's other facts, so a change applies to the next comment.
CREATE TABLE trust_settings (
  singleton                     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  min_approved                  integer     CHECK (min_approved BETWEEN 0 AND 1000),
  window_days                   integer     CHECK (window_days BETWEEN 1 AND 3650),
  hold_first_comment_with_link  boolean,
  updated_by                    text,
  updated_at                    timestamptz
);
INSERT INTO trust_settings (singleton) VALUES (true);

-- "Recently decided", newest decision first. Every decision already writes a new entry in each of
-- the comments indexes (status is indexed, so no update is HOT): this adds one more.
CREATE INDEX IF NOT EXISTS comments_decided_idx ON comments (decided_at DESC, id DESC) WHERE decided_at IS NOT NULL;
