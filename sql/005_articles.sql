-- Per-article settings. An article without a row is open and moderated automatically.
CREATE TABLE articles (
  id            text        PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 200),
  closed_at     timestamptz,
  premoderation boolean     NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
