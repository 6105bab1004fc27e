-- A charged-off debt's figures as the bank's placement file gives them (核销): the date the bank
-- charged the account off and the balance then, the interest, fees and payments (with credits)
-- since, up to the file. The validation notice itemizes the debt as of the charge-off with them
-- (12 CFR 1006.34(b)(3)(iv); 23 NYCRR 1.2(b)). A row per set of figures a file gave, the newest
-- in force: a file that gives other figures adds a row, so what earlier files said is kept.
CREATE TABLE account_charge_offs (
  creditor_id    bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  account_id     bigint NOT NULL,
  batch_id       bigint NOT NULL,
  charged_off_on date NOT NULL,
  balance_fen    bigint NOT NULL CHECK (balance_fen >= 0),
  interest_fen   bigint NOT NULL CHECK (interest_fen >= 0),
  fees_fen       bigint NOT NULL CHECK (fees_fen >= 0),
  paid_fen       bigint NOT NULL CHECK (paid_fen >= 0),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX account_charge_offs_account ON account_charge_offs (creditor_id, account_id, id DESC);

-- Whether a notice itemized the debt as of its charge-off (else as of the placement statement): a
-- reprint says so again.
ALTER TABLE validation_notices ADD COLUMN charged_off boolean NOT NULL DEFAULT false;

-- The date of the bank's statement of the account's balance when a later file restated it (the
-- file's placement date, or the day it was imported); NULL: the balance is the one its placement
-- gave, stated on the placement's date. The validation notice itemizes as of this date.
ALTER TABLE accounts ADD COLUMN balance_stated_on date;

-- The day a dispute's letter substantiated a New York debtor's charged-off debt (23 NYCRR 1.4):
-- owed once while the agency collects the debt, so a later dispute of it is verified only.
ALTER TABLE complaints ADD COLUMN substantiated_on date;
