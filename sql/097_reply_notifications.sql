-- Reply notifications (issue 20): a reader who ticked "Email me when someone replies"
-- (comments.notify_replies, sql/095) is emailed once when a reply to their comment is approved.
--
-- The outbox: one row per reply, whoever approved it and however often (the primary key is what
-- makes it at most once). It holds ids only; the address is decrypted from the parent comment at
-- send time, so it is never copied. Rows go with their comments (erasure, retention).
CREATE TABLE reply_notifications (
  reply_id        uuid        PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  parent_id       uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'skipped', 'failed')),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- While 'sending': a worker that died mid-send leaves the row to be taken over after this.
  locked_until    timestamptz,
  -- An SMTP code or error code only, never a server's text (it may quote the address).
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX reply_notifications_due_idx ON reply_notifications (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX reply_notifications_parent_idx ON reply_notifications (parent_id);

-- Where the notifier has got to in moderation_events (every approval, the worker's and the
-- moderators', writes one). One row, locked FOR UPDATE SKIP LOCKED: one worker follows at a time.
-- It starts at the end, so turning SMTP on never mails about replies approved before.
CREATE TABLE reply_notify_state (
  singleton    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  events_after bigint      NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
INSERT INTO reply_notify_state (events_after) SELECT coalesce(max(id), 0) FROM moderation_events;
