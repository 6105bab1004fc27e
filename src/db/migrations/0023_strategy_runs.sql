-- Each strategy run, for the strategy screen's history: when it ran, who ran it (the nightly
-- job, an admin's "run now", the command line), what it changed and what became of the SMS
-- reminders it chose. The audit log holds the same facts but is not indexed for reading them
-- back a night at a time.
CREATE TABLE strategy_runs (
  id                  bigserial PRIMARY KEY,
  business_date       date NOT NULL,
  started_at          timestamptz NOT NULL,
  actor               text NOT NULL,
  accounts            integer NOT NULL,
  changed             integer NOT NULL,
  promises_kept       integer NOT NULL,
  promises_partial    integer NOT NULL,
  promises_broken     integer NOT NULL,
  -- creditor id -> the rule version in force for it (creditors without their own: the defaults, 0).
  rule_versions       jsonb NOT NULL,
  -- Filled once the reminders are judged (after the accounts' strategy commits); null while
  -- they are, or when the run stopped before.
  sms_queued          integer,
  sms_blocked         integer,
  sms_blocked_by_rule jsonb
);
