-- Money out: contracts, payment settlement, commission and remittance statements (docs/money.md).

-- Who set a contract version (NULL: the command line or the demo loader).
ALTER TABLE contracts ADD COLUMN created_by bigint REFERENCES users (id);

-- Settlement: every payment, once recorded, carries how it was allocated, who it counts for
-- and what commission it earned. A payment row is never edited after settlement: a bounced
-- or refunded payment is a new, negative row that points at it (reverses_id) and carries the
-- exact opposite of its allocation and commission.
ALTER TABLE payments
  ADD COLUMN source            text NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'staff', 'reversal')),
  ADD COLUMN recorded_by       bigint REFERENCES users (id),
  ADD COLUMN reverses_id       bigint,
  ADD COLUMN reversal_reason   text CHECK (reversal_reason IN ('bounced', 'refunded', 'file')),
  ADD COLUMN settled_at        timestamptz,
  ADD COLUMN to_fees_fen       bigint,
  ADD COLUMN to_interest_fen   bigint,
  ADD COLUMN to_principal_fen  bigint,
  -- The collector the payment counts for (promise credit window, else owner at the end of the payment day).
  ADD COLUMN collector_id      bigint REFERENCES users (id),
  ADD COLUMN credit_basis      text CHECK (credit_basis IN ('promise_credit', 'owner', 'none')),
  -- The open promise the payment was matched to (paid within its window).
  ADD COLUMN promise_id        bigint,
  ADD COLUMN placed_on         date,
  ADD COLUMN bucket_at_placement text,
  ADD COLUMN contract_version  integer,
  ADD COLUMN rate_bp           integer CHECK (rate_bp BETWEEN 0 AND 10000),
  ADD COLUMN commission_fen    bigint,
  -- Why the rate is 0 when it is: 'before_placement', 'after_recall', 'no_contract', or NULL (earns).
  ADD COLUMN no_commission_reason text,
  ADD CONSTRAINT payments_reverses FOREIGN KEY (creditor_id, reverses_id) REFERENCES payments (creditor_id, id),
  ADD CONSTRAINT payments_settled_sums CHECK (settled_at IS NULL OR
    (to_fees_fen + to_interest_fen + to_principal_fen = amount_fen AND commission_fen IS NOT NULL AND rate_bp IS NOT NULL));
-- A payment is reversed at most once.
CREATE UNIQUE INDEX payments_reversed_once ON payments (creditor_id, reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX payments_month ON payments (creditor_id, paid_on);
CREATE INDEX payments_account ON payments (creditor_id, account_id, paid_on);
CREATE INDEX payments_collector ON payments (collector_id, paid_on) WHERE collector_id IS NOT NULL;
CREATE INDEX payments_unsettled ON payments (creditor_id, batch_id) WHERE settled_at IS NULL;
-- Entries settled after a statement was issued (adjustments on the next one).
CREATE INDEX payments_settled ON payments (creditor_id, settled_at);

-- The monthly remittance statement (对账单). Built on demand as a draft; issuing freezes its
-- lines here. A payment is on at most one issued statement.
CREATE TABLE statements (
  creditor_id     bigint NOT NULL REFERENCES creditors (id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  recovered_fen   bigint NOT NULL,
  commission_fen  bigint NOT NULL,
  net_due_fen     bigint NOT NULL,
  lines           integer NOT NULL,
  issued_at       timestamptz NOT NULL,
  issued_by       bigint REFERENCES users (id),
  PRIMARY KEY (creditor_id, id),
  UNIQUE (creditor_id, month),
  CHECK (net_due_fen = recovered_fen - commission_fen)
);

CREATE TABLE statement_lines (
  creditor_id     bigint NOT NULL,
  statement_id    bigint NOT NULL,
  line_no         integer NOT NULL,
  payment_id      bigint NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('payment', 'adjustment')),
  account_id      bigint NOT NULL,
  account_no_mask text NOT NULL,
  txn_id          text NOT NULL,
  paid_on         date NOT NULL,
  amount_fen      bigint NOT NULL,
  bucket          text,
  rate_bp         integer NOT NULL,
  commission_fen  bigint NOT NULL,
  collector_id    bigint,
  collector_name  text,
  reverses_id     bigint,
  PRIMARY KEY (creditor_id, statement_id, line_no),
  UNIQUE (creditor_id, payment_id),
  FOREIGN KEY (creditor_id, statement_id) REFERENCES statements (creditor_id, id),
  FOREIGN KEY (creditor_id, payment_id) REFERENCES payments (creditor_id, id)
);

-- Issued statements and their lines never change.
CREATE FUNCTION statements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued statement is frozen (%.%)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER statements_frozen BEFORE UPDATE OR DELETE ON statements FOR EACH ROW EXECUTE FUNCTION statements_refuse_change();
CREATE TRIGGER statement_lines_frozen BEFORE UPDATE OR DELETE ON statement_lines FOR EACH ROW EXECUTE FUNCTION statements_refuse_change();
