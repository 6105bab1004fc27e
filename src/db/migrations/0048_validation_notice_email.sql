-- The validation notice by e-mail (docs/messages.md, "Validation notices"): an e-mail that
-- carries a notice keeps the figures it states, recorded as the account's notice when the
-- e-mail goes (12 CFR 1006.34, 1006.42); an e-mail that does not reach the debtor takes it back.
ALTER TABLE outbox ADD COLUMN notice jsonb;

-- A notice e-mail not yet sent: the account waits for it (it is not printed as well).
CREATE INDEX outbox_pending_notices ON outbox (creditor_id, account_id) WHERE notice IS NOT NULL AND status IN ('queued', 'sending');
