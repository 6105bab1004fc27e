-- US disputes (12 CFR 1006.38(d)(2)): after a dispute, collection resumes only once a copy of the
-- verification has been sent to the debtor, not when the creditor answers. The date the
-- verification letter went (from the letter run), for a verified dispute under a US contract.
ALTER TABLE complaints ADD COLUMN verification_sent_on date,
  ADD CONSTRAINT complaints_verification_sent CHECK (verification_sent_on IS NULL OR (kind = 'dispute' AND status = 'verified'));
