-- Moderator key life cycle (issue 17): when each moderator's current key was issued and last used
-- (touched at most once a minute per key), and an audit row for every change to a moderator's key:
-- created, a new key issued (the old one stops working), revoked.
ALTER TABLE moderators
  ADD COLUMN key_issued_at    timestamptz,
  ADD COLUMN key_last_used_at timestamptz;
UPDATE moderators SET key_issued_at = created_at;
ALTER TABLE moderators
  ALTER COLUMN key_issued_at SET DEFAULT now(),
  ALTER COLUMN key_issued_at SET NOT NULL;

CREATE TABLE moderator_key_events (
  id           bigserial   PRIMARY KEY,
  moderator_id uuid        NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  action       text        NOT NULL CHECK (action IN ('created', 'key_issued', 'revoked')),
  actor        text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderator_key_events_moderator_idx ON moderator_key_events (moderator_id, id);
