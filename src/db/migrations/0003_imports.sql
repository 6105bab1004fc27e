-- Bank files: placement, payment and recall imports (docs/import.md).
-- A batch lands in one transaction; rows are staged with COPY into temporary tables and
-- merged set-based, so nothing here is written row by row.

-- A recall closes an account with its date; the row stays (reports keep it).
ALTER TABLE accounts ADD COLUMN recalled_on date;

-- The values an import replaced: every time a placement, balance update or recall changes
-- an account, its previous balance parts, status and placement are kept here.
CREATE TABLE account_history (
  creditor_id   bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  account_id    bigint NOT NULL,
  batch_id      bigint,
  changed_at    timestamptz NOT NULL DEFAULT now(),
  principal_fen bigint NOT NULL,
  interest_fen  bigint NOT NULL,
  fees_fen      bigint NOT NULL,
  status        text NOT NULL,
  placement_id  bigint NOT NULL,
  recalled_on   date,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX account_history_account ON account_history (creditor_id, account_id);

-- Counts and facts of a batch, for the list of imports (who, when, file, counts).
ALTER TABLE import_batches
  ADD COLUMN encoding     text,
  ADD COLUMN rows         integer,
  ADD COLUMN inserted     integer,
  ADD COLUMN updated      integer,
  ADD COLUMN unchanged    integer,
  ADD COLUMN rejected     integer,
  ADD COLUMN errors_file  text,
  ADD COLUMN duplicate_of bigint,
  ADD COLUMN finished_at  timestamptz;

-- "Was this exact file already imported for this creditor?"
CREATE INDEX import_batches_file ON import_batches (creditor_id, kind, file_sha256) WHERE status = 'done';
CREATE INDEX import_batches_recent ON import_batches (created_at DESC);
