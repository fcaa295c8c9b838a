-- Moderators' labels that the learned spam filter trains on: approve = ham, spam = spam. Every
-- worker replays this table at start and follows it by id, so feedback survives restarts and
-- reaches all workers. The body is kept here so that purging old comments keeps what was learned.
CREATE TABLE spam_feedback (
  id           bigserial   PRIMARY KEY,
  comment_id   uuid        REFERENCES comments (id) ON DELETE SET NULL,
  label        text        NOT NULL CHECK (label IN ('spam', 'ham')),
  body         text        NOT NULL,
  moderator_id uuid        REFERENCES moderators (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spam_feedback_comment_idx ON spam_feedback (comment_id);
