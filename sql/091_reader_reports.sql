-- Readers' reports of comments (issue 20), and the notices of illegal content the EU Digital
-- Services Act (Article 16) asks a host to take: the reporter's explanation, name and email, and a
-- statement of good faith; the moderator's decision is recorded against each report.
CREATE TABLE comment_reports (
  id                  uuid        PRIMARY KEY,
  comment_id          uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  -- Who reported, as a keyed hash (as comment_recommendations); cleared by the retention purge once
  -- the report is decided and RETENTION_DAYS old.
  reader_hash         bytea,
  reason              text        NOT NULL CHECK (reason IN ('spam', 'abusive', 'off-topic', 'misinformation', 'illegal')),
  explanation         text,
  -- Illegal-content notices only. The address is stored as the authors' are: encrypted, with a
  -- keyed lookup hash beside it (privacy requests find a reporter's notices by it).
  reporter_name       text,
  reporter_email_enc  bytea,
  reporter_email_hash bytea,
  good_faith          boolean,
  location            text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  resolved_at         timestamptz,
  resolution          text        CHECK (resolution IN ('upheld', 'dismissed')),
  resolved_by         text,
  decision_event_id   bigint      REFERENCES moderation_events (id) ON DELETE SET NULL
);
-- One report per reader per comment (a cleared hash is NULL, and NULLs never collide).
CREATE UNIQUE INDEX comment_reports_reader_idx ON comment_reports (comment_id, reader_hash);
-- The reported queue and the hold threshold count the reports still waiting for a moderator.
CREATE INDEX comment_reports_open_idx ON comment_reports (comment_id) WHERE resolved_at IS NULL;
CREATE INDEX comment_reports_created_idx ON comment_reports (created_at);
CREATE INDEX comment_reports_resolved_idx ON comment_reports (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX comment_reports_email_idx ON comment_reports (reporter_email_hash) WHERE reporter_email_hash IS NOT NULL;
CREATE INDEX comment_reports_event_idx ON comment_reports (decision_event_id) WHERE decision_event_id IS NOT NULL;
