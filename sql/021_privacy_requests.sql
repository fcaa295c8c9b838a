-- The audit trail of privacy requests. It never holds the address nor any hash of it: a random id,
-- what was done, by whom, and how many rows it touched.
CREATE TABLE privacy_requests (
  id           uuid        PRIMARY KEY,
  kind         text        NOT NULL CHECK (kind IN ('export', 'erase')),
  mode         text        CHECK (mode IN ('anonymise', 'remove')),
  requested_by text        NOT NULL,
  comments     int         NOT NULL,
  details      jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_requests_created_idx ON privacy_requests (created_at);
