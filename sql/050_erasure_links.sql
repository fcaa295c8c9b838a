-- Issue 16: erasure and retention remove all of a person's data.

-- A ban made from a comment remembers it, so erasing that comment's author removes the ban (an IP
-- ban holds the author's IP hash, and its reason often quotes them). A ban made by typing an
-- address has none. The link goes when the comment goes (retention), the ban stays.
ALTER TABLE bans ADD COLUMN comment_id uuid REFERENCES comments (id) ON DELETE SET NULL;
CREATE INDEX bans_comment_idx ON bans (comment_id) WHERE comment_id IS NOT NULL;

-- A moderator's spam label holds the comment's text: it goes with the comment (the retention purge,
-- an erasure) instead of staying behind with no link to whom it came from.
ALTER TABLE spam_feedback
  DROP CONSTRAINT spam_feedback_comment_id_fkey,
  ADD CONSTRAINT spam_feedback_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comments (id) ON DELETE CASCADE;
