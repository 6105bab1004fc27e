-- The written confirmations of payment arrangements sent to New York debtors (还款安排确认函,
-- 23 NYCRR 1.5(b)): one per promise, settlement or instalment plan, the day it was mailed and
-- the contact attempt that records it. A reprint the same day adds nothing.
CREATE TABLE arrangement_confirmations (
  creditor_id bigint NOT NULL REFERENCES creditors (id),
  kind        text NOT NULL CHECK (kind IN ('promise', 'settlement', 'plan')),
  ref_id      bigint NOT NULL,
  account_id  bigint NOT NULL,
  sent_on     date NOT NULL,
  sent_by     bigint REFERENCES users (id),
  PRIMARY KEY (creditor_id, kind, ref_id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
