-- Moderators' corrections reported to Akismet (submit-spam / submit-ham). A worker claims unreported
-- rows by setting akismet_reported_at, then reports those whose comment Akismet checked (the
-- others are only marked, so each row is looked at once); a failed report is unclaimed and retried.
-- Rows written before this migration are marked: Akismet never checked their comments.
ALTER TABLE spam_feedback ADD COLUMN akismet_reported_at timestamptz;
UPDATE spam_feedback SET akismet_reported_at = created_at;
CREATE INDEX spam_feedback_akismet_unreported_idx ON spam_feedback (id) WHERE akismet_reported_at IS NULL;
