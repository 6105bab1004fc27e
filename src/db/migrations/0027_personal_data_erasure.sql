-- Personal data erased when the entrustment ends (docs/privacy.md): a debtor whose accounts
-- have all left the agency (recalled, paid, settled, closed) for longer than the creditor's
-- retention period keeps their rows, so reports, statements and the audit trail stay whole,
-- but not who they are: name, ID number, birth date, phones and addresses, the bank's account
-- number, contact notes, hardship statements and evidence.
ALTER TABLE debtors ADD COLUMN erased_at timestamptz;
ALTER TABLE contact_points ADD COLUMN erased_at timestamptz;
-- Erasure finds a debtor's messages and hardship applications by account and contact point.
CREATE INDEX outbox_account ON outbox (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX outbox_contact_point ON outbox (contact_point_id) WHERE contact_point_id IS NOT NULL;
CREATE INDEX hardship_applications_account ON hardship_applications (creditor_id, account_id);
