-- The US validation notice (债务确认通知, 12 CFR 1006.34) of each account under a US contract:
-- when it was sent, the end of the validation period it gave the debtor, and the figures it
-- stated (the itemization), so what the debtor was told can be shown again exactly. The
-- compliance engine reads `sent_on` (US.validation_notice: no collection before it). A notice
-- the post returned (its letter corrected to "returned") has `returned_on` and no longer counts:
-- the account needs a new one, so one notice per account is in force at a time.
CREATE TABLE validation_notices (
  creditor_id        bigint NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  account_id         bigint NOT NULL,
  sent_on            date NOT NULL,
  validation_ends_on date NOT NULL CHECK (validation_ends_on > sent_on),
  itemization_date   date NOT NULL,
  itemization_fen    bigint NOT NULL,
  interest_fen       bigint NOT NULL CHECK (interest_fen >= 0),
  fees_fen           bigint NOT NULL CHECK (fees_fen >= 0),
  paid_fen           bigint NOT NULL CHECK (paid_fen >= 0),
  amount_now_fen     bigint NOT NULL CHECK (amount_now_fen = itemization_fen + interest_fen + fees_fen - paid_fen),
  contact_attempt_id bigint NOT NULL,
  sent_by            bigint REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  returned_on        date,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE UNIQUE INDEX validation_notices_in_force ON validation_notices (creditor_id, account_id) WHERE returned_on IS NULL;
CREATE INDEX validation_notices_attempt ON validation_notices (contact_attempt_id);
