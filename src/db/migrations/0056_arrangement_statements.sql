-- The accountings sent at least every three months to a New York debtor who pays under a schedule
-- (a settlement in instalments, an instalment plan; 23 NYCRR 1.5(b)): one row per statement mailed.
CREATE TABLE arrangement_statements (
  creditor_id bigint NOT NULL REFERENCES creditors (id),
  kind        text NOT NULL CHECK (kind IN ('settlement', 'plan')),
  ref_id      bigint NOT NULL,
  account_id  bigint NOT NULL,
  sent_on     date NOT NULL,
  sent_by     bigint REFERENCES users (id),
  PRIMARY KEY (creditor_id, kind, ref_id, sent_on),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
