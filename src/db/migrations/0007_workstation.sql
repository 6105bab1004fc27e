-- The collector workstation (docs/workstation.md): the "next account" claim, callbacks,
-- reasons for delinquency on contact attempts, the supervisor hand-off queue, breaks from
-- the queue and per-collector daily caps.

-- Why the debtor fell behind, as told on a contact (unemployment, illness, ...).
ALTER TABLE contact_attempts ADD COLUMN delinquency_reason text
  CHECK (delinquency_reason IN ('unemployment', 'illness', 'business_failure', 'disaster', 'income_drop', 'other'));
CREATE INDEX contact_attempts_collector_at ON contact_attempts (collector_id, at);
CREATE INDEX contact_attempts_account ON contact_attempts (creditor_id, account_id, at);

-- One open promise per account, enforced where two writers meet.
CREATE UNIQUE INDEX promises_one_open ON promises (creditor_id, account_id) WHERE status = 'open';

-- "Next account" claims: one row per account that has ever been dealt. A collector holds an
-- account while claimed_by is set and expires_at is ahead; rows are locked with
-- FOR UPDATE SKIP LOCKED, so two collectors asking at once never get the same account.
CREATE TABLE work_claims (
  account_id bigint PRIMARY KEY,
  claimed_by bigint REFERENCES users (id),
  claimed_at timestamptz,
  expires_at timestamptz
);
CREATE INDEX work_claims_holder ON work_claims (claimed_by) WHERE claimed_by IS NOT NULL;

-- 预约回拨: a call back the debtor asked for, at a time in their own zone.
CREATE TABLE callbacks (
  creditor_id  bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  account_id   bigint NOT NULL,
  collector_id bigint NOT NULL REFERENCES users (id),
  due_at       timestamptz NOT NULL,
  local_time   text NOT NULL,             -- as asked, in the debtor's zone: 'YYYY-MM-DD HH:MM'
  time_zone    text NOT NULL,
  note         text,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX callbacks_open ON callbacks (collector_id, due_at) WHERE status = 'open';
CREATE INDEX callbacks_account ON callbacks (creditor_id, account_id) WHERE status = 'open';

-- An account a collector handed to the supervisor queue (after an abusive call, say).
-- While open, the account is out of the collector's queue.
CREATE TABLE handoffs (
  creditor_id  bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  account_id   bigint NOT NULL,
  from_user_id bigint NOT NULL REFERENCES users (id),
  team_id      bigint REFERENCES teams (id),
  reason       text NOT NULL,
  attempt_id   bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at  timestamptz,
  resolved_by  bigint REFERENCES users (id),
  resolution   text,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE UNIQUE INDEX handoffs_open ON handoffs (creditor_id, account_id) WHERE resolved_at IS NULL;
CREATE INDEX handoffs_team_open ON handoffs (team_id) WHERE resolved_at IS NULL;

-- A short break from the queue (after an abusive call); the queue gives nothing until `until`.
CREATE TABLE queue_breaks (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id),
  starts_at  timestamptz NOT NULL,
  until      timestamptz NOT NULL,
  reason     text NOT NULL,
  CHECK (until > starts_at)
);
CREATE INDEX queue_breaks_user ON queue_breaks (user_id, until);

-- A supervisor's daily cap on a collector's contact attempts; no row = no cap.
CREATE TABLE collector_caps (
  user_id        bigint PRIMARY KEY REFERENCES users (id),
  daily_attempts integer NOT NULL CHECK (daily_attempts > 0),
  set_by         bigint REFERENCES users (id),
  set_at         timestamptz NOT NULL DEFAULT now()
);
