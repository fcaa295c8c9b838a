-- Newsroom moderation tools (issue 7): moderators' word lists, bans, article controls.

-- Moderators' word lists. A change bumps word_list_version in the same transaction; each worker
-- compares the version before every job and recompiles its matchers when it moved, so a change
-- applies to the next comment on every worker without a restart.
CREATE TABLE word_list_terms (
  id         bigserial   PRIMARY KEY,
  list       text        NOT NULL CHECK (list IN ('banned', 'suspect')),
  term       text        NOT NULL CHECK (char_length(term) BETWEEN 1 AND 100),
  added_by   text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX word_list_terms_unique_idx ON word_list_terms (list, lower(term));

CREATE TABLE word_list_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint  NOT NULL
);
INSERT INTO word_list_version (singleton, version) VALUES (true, 0);

-- Bans of an author (keyed HMAC of the normalised email) or a client (keyed HMAC of the IP), the
-- same hashes comments carry; never the raw value. expires_at NULL means for good.
CREATE TABLE bans (
  id          uuid        PRIMARY KEY,
  kind        text        NOT NULL CHECK (kind IN ('email', 'ip')),
  value_hash  bytea       NOT NULL,
  reason      text,
  reason_code text        CHECK (reason_code IN ('spam', 'offensive', 'abusive', 'off-topic', 'illegal', 'other')),
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  lifted_at   timestamptz,
  lifted_by   text
);
CREATE INDEX bans_active_idx ON bans (kind, value_hash) WHERE lifted_at IS NULL;

-- Article controls: pre-moderation for a time, and an explicit reopen that overrides auto-close.
ALTER TABLE articles
  ADD COLUMN premoderation_until timestamptz,
  ADD COLUMN auto_close_disabled boolean NOT NULL DEFAULT false;

-- Decisions per rule and the stats over a period read the audit trail by time and rule.
CREATE INDEX moderation_events_rule_idx ON moderation_events ((details->>'rule'), created_at)
  WHERE actor = 'auto';
