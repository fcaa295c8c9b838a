-- Webhooks configured by admins, the deliveries made to them (one per event and webhook) and the
-- attempts of each delivery. The signing secret is stored encrypted with a key derived from
-- SECRET_KEY. Deliveries are inserted by the worker's dispatcher, which follows moderation_events,
-- new comments and article_surges; the unique (webhook_id, event_id) makes a re-scan harmless.
CREATE TABLE webhooks (
  id          uuid        PRIMARY KEY,
  url         text        NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
  secret_enc  bytea       NOT NULL,
  events      text[]      NOT NULL CHECK (cardinality(events) >= 1),
  description text,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at  timestamptz
);

CREATE TABLE webhook_deliveries (
  id               uuid        PRIMARY KEY,
  webhook_id       uuid        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id         text        NOT NULL,
  event_type       text        NOT NULL,
  comment_id       uuid,
  payload          jsonb       NOT NULL,
  status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         int         NOT NULL DEFAULT 0,
  last_status_code int,
  last_error       text,
  replay_of        uuid        REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
  queued_at        timestamptz,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- One delivery of an event per webhook; replays carry their own event_id suffix.
CREATE UNIQUE INDEX webhook_deliveries_event_idx ON webhook_deliveries (webhook_id, event_id);
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_unqueued_idx ON webhook_deliveries (created_at) WHERE queued_at IS NULL;
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (queued_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_comment_idx ON webhook_deliveries (comment_id) WHERE comment_id IS NOT NULL;

CREATE TABLE webhook_delivery_attempts (
  id          bigserial   PRIMARY KEY,
  delivery_id uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt     int         NOT NULL,
  status_code int,
  error       text,
  duration_ms int         NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, id);

-- Surges: an article switched to pre-moderation by itself (too many comments, or too much spam)
-- until `until` (articles.premoderation_until, from issue 7, ends it without further action).
CREATE TABLE article_surges (
  id          bigserial   PRIMARY KEY,
  article_id  text        NOT NULL,
  trigger     text        NOT NULL CHECK (trigger IN ('volume', 'spam_rate')),
  comments    int         NOT NULL,
  spam_rate   float8,
  started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  until       timestamptz NOT NULL
);
CREATE INDEX article_surges_until_idx ON article_surges (until);
CREATE INDEX article_surges_article_idx ON article_surges (article_id, started_at DESC);

-- The surge monitor counts each article's comments in a recent window.
CREATE INDEX comments_created_idx ON comments (created_at);

-- Where the dispatcher has got to in each source. One row; the worker holding its lock (FOR UPDATE
-- SKIP LOCKED) dispatches, the others skip that round.
CREATE TABLE webhook_dispatch_state (
  singleton         boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  events_after      bigint      NOT NULL DEFAULT 0,
  surges_after      bigint      NOT NULL DEFAULT 0,
  comments_after_at timestamptz NOT NULL DEFAULT '-infinity',
  comments_after_id uuid        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'
);
INSERT INTO webhook_dispatch_state DEFAULT VALUES;
