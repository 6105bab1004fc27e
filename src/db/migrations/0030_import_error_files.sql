-- The errors file of an import uploaded through the API holds the rejected rows as the bank
-- sent them, personal data included. It was written to one server process's temporary
-- directory, kept there for ever, and lost to the screens when the server restarted. It is now
-- kept in the database, encrypted under the personal data key: any server of a deployment can
-- hand it out, and it is deleted once the retention period for rejected rows has passed
-- (privacy erase, nightly), the row kept to say when.
CREATE TABLE import_error_files (
  batch_id    bigint PRIMARY KEY,
  creditor_id bigint NOT NULL,
  content_enc bytea,
  bytes       bigint NOT NULL,
  rows        integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz,
  FOREIGN KEY (creditor_id, batch_id) REFERENCES import_batches (creditor_id, id),
  CHECK ((content_enc IS NULL) = (deleted_at IS NOT NULL))
);
CREATE INDEX import_error_files_kept ON import_error_files (created_at) WHERE deleted_at IS NULL;
