-- 催记更正: a team lead corrects the outcome a contact attempt was recorded with (a call noted
-- "no answer" that the recording shows was the debtor's promise; a letter sent that came back
-- undelivered). The attempt carries the corrected outcome, so the compliance engine, the queue,
-- the reports (report_contacts_outcome, 0032) and the bank's files all read the truth; each
-- correction is kept here with what it replaced, why, by whom and when. Nothing is deleted.
CREATE TABLE contact_corrections (
  creditor_id  bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  attempt_id   bigint NOT NULL,
  from_outcome text NOT NULL,
  to_outcome   text NOT NULL CHECK (to_outcome <> from_outcome),
  reason       text NOT NULL CHECK (length(btrim(reason)) > 0),
  corrected_by bigint NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, attempt_id) REFERENCES contact_attempts (creditor_id, id)
);
CREATE INDEX contact_corrections_attempt ON contact_corrections (attempt_id, corrected_at);
