-- Signed-in readers (SSO, issue 20) and reply notifications.
--
-- A signed-in reader's comment keeps its author key in author_email_hash, as every comment does,
-- but that key is the keyed hash of the site's reader id (the token's `sub`), not of the address:
-- trust, bans, the per-author posting limit and the moderators' author record then follow the
-- reader's account, whatever address it carries today, and someone typing that reader's address
-- into the anonymous form does not share their record. The id itself is kept encrypted like an
-- address (author_sso_enc): a site may use an address as `sub`, and the hash must be recomputable
-- when SECRET_KEY rotates. sso_email_hash is the keyed hash of the token's address, so privacy
-- requests made by address still find the reader's comments.
--
-- All nullable or with a constant default, and without CHECK constraints: adding them rewrites
-- and scans nothing on a large table. Values are checked in code.
ALTER TABLE comments
  ADD COLUMN author_sso_enc bytea,
  ADD COLUMN sso_email_hash bytea,
  ADD COLUMN author_badge   text,
  ADD COLUMN notify_replies boolean NOT NULL DEFAULT false;

-- A ban on a signed-in reader's id (value_hash: the reader hash above).
ALTER TABLE bans DROP CONSTRAINT bans_kind_check;
ALTER TABLE bans ADD CONSTRAINT bans_kind_check CHECK (kind IN ('email', 'ip', 'reader'));
