-- Readers take part (issue 20): recommendations and editors' picks.

-- How many readers recommend a comment, and whether the editors picked it. Both are constant
-- defaults, so adding them rewrites nothing (a catalogue change only, even on a large table).
ALTER TABLE comments
  ADD COLUMN recommendations integer NOT NULL DEFAULT 0,
  ADD COLUMN featured        boolean NOT NULL DEFAULT false;

-- One recommendation per reader per comment. The reader is a keyed hash (HMAC-SHA256 under a key
-- derived from SECRET_KEY) of what the posting limit keys a client on: never an address in clear.
CREATE TABLE comment_recommendations (
  comment_id  uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_hash bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, reader_hash)
);

-- Every change to what orders the public list besides time: a recommendation given (+1) or taken
-- back (-1), a comment picked or unpicked (featured_before: its state before). A page cursor of the
-- public list remembers the moment its first page was read; the comments changed since then are
-- put back where they stood then, so paging by recommendations never repeats or skips one
-- (src/comments/public-order.ts). Kept about a day (the retention purge), as long as a cursor is.
CREATE TABLE public_order_changes (
  id                    bigserial   PRIMARY KEY,
  article_id            text        NOT NULL,
  comment_id            uuid        NOT NULL,
  recommendations_delta integer     NOT NULL DEFAULT 0,
  featured_before       boolean,
  created_at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX public_order_changes_article_idx ON public_order_changes (article_id, created_at);
CREATE INDEX public_order_changes_created_idx ON public_order_changes (created_at);

-- The audit trail of editors' picks: who picked or unpicked which comment, when.
CREATE TABLE comment_pick_events (
  id           bigserial   PRIMARY KEY,
  comment_id   uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  action       text        NOT NULL CHECK (action IN ('featured', 'unfeatured')),
  actor        text        NOT NULL,
  moderator_id uuid        REFERENCES moderators (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comment_pick_events_comment_idx ON comment_pick_events (comment_id, id);
