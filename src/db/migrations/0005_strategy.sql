-- The nightly strategy run (docs/strategy.md): rules as versioned data per creditor, and the
-- run's narrow results in their own table, one row per open account per business date.
-- Writing these rows is cheap; rewriting the wide accounts table is what would cost.

-- Strategy rules per creditor, versioned: the version in force on a date is the highest one
-- whose effective_from is on or before it. A creditor without rules uses the built-in
-- defaults, recorded as version 0.
CREATE TABLE strategy_rules (
  creditor_id    bigint NOT NULL REFERENCES creditors (id),
  version        integer NOT NULL CHECK (version > 0),
  effective_from date NOT NULL,
  rules          jsonb NOT NULL,
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, version)
);

CREATE TABLE account_strategy (
  creditor_id   bigint NOT NULL,
  business_date date NOT NULL,
  account_id    bigint NOT NULL,
  dpd           integer NOT NULL,
  bucket        text NOT NULL,
  segment       text NOT NULL,
  priority      integer NOT NULL,
  next_action   text NOT NULL CHECK (next_action IN ('call', 'sms', 'letter', 'wait', 'skip_trace', 'hold')),
  rule_version  integer NOT NULL,
  -- The SMS reminder the run chose: queued (outbox row) or blocked (the engine's decision).
  sms_outbox_id bigint,
  sms_decision  jsonb,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  -- Date first: a night's rows go to the end of the index, and a date's rows are one range.
  PRIMARY KEY (business_date, creditor_id, account_id)
);

-- Promise evaluation reads payments per account and date.
CREATE INDEX payments_account_paid_on ON payments (creditor_id, account_id, paid_on);
CREATE INDEX promises_open ON promises (creditor_id, account_id) WHERE status = 'open';

