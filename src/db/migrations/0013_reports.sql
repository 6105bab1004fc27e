-- Reports (docs/reports.md): recovery rates, vintages, roll rates, contact funnel, compliance.
--
-- Every report must answer in under 2 s over a million accounts and five million payments,
-- so the money figures are read from small summary tables kept by triggers in the same
-- transaction as the change (never stale, no "as of"):
--   report_account_facts  one row per account and placement: its dimensions at placement
--                         (month, province, bucket, balance) and its current owner;
--   report_placed         placed accounts and balance by creditor, placement month,
--                         province, bucket at placement and current owner;
--   report_recovered      payments by the same dimensions (owner = collector credited) and
--                         the month paid;
--   report_contacts       contact attempts by creditor, day, collector and outcome.
-- Month-end buckets for roll rates are a snapshot taken per month (report_month_end), with
-- the roll counts beside it (report_rolls); the answer says when each month was taken.
-- The triggers are ENABLE ALWAYS: bulk loads that run with session_replication_role =
-- replica (imports, demo) still keep the summaries.

-- Buckets as src/domain/delinquency.ts defines them (a test holds the two together).
CREATE FUNCTION report_bucket(dpd integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN dpd <= 0 THEN 'M0' WHEN dpd <= 30 THEN 'M1' WHEN dpd <= 60 THEN 'M2' WHEN dpd <= 90 THEN 'M3'
              WHEN dpd <= 120 THEN 'M4' WHEN dpd <= 150 THEN 'M5' WHEN dpd <= 180 THEN 'M6' ELSE 'M7+' END
$$;

CREATE TABLE report_account_facts (
  creditor_id     bigint NOT NULL,
  account_id      bigint NOT NULL,
  placement_id    bigint NOT NULL,
  placement_month date NOT NULL,
  region_prefix   text NOT NULL,            -- province (first two digits of GB/T 2260), '' if unknown
  bucket          text NOT NULL,            -- bucket on the placement date
  placed_fen      bigint NOT NULL,          -- principal + interest + fees when placed
  collector_id    bigint NOT NULL DEFAULT 0, -- current owner, 0 = unassigned
  PRIMARY KEY (creditor_id, account_id, placement_id)
);

CREATE TABLE report_placed (
  creditor_id     bigint NOT NULL,
  placement_month date NOT NULL,
  region_prefix   text NOT NULL,
  bucket          text NOT NULL,
  collector_id    bigint NOT NULL,
  accounts        bigint NOT NULL,
  placed_fen      bigint NOT NULL,
  PRIMARY KEY (creditor_id, placement_month, region_prefix, bucket, collector_id)
);

CREATE TABLE report_recovered (
  creditor_id     bigint NOT NULL,
  placement_month date NOT NULL,
  region_prefix   text NOT NULL,
  bucket          text NOT NULL,
  collector_id    bigint NOT NULL,          -- collector credited with the payment, 0 = nobody
  paid_month      date NOT NULL,
  payments        bigint NOT NULL,          -- entries with a positive amount
  recovered_fen   bigint NOT NULL,          -- reversals (negative entries) included
  PRIMARY KEY (creditor_id, placement_month, region_prefix, bucket, collector_id, paid_month)
);

CREATE TABLE report_contacts (
  creditor_id  bigint NOT NULL,
  day          date NOT NULL,               -- in the agency's zone
  collector_id bigint NOT NULL,             -- 0 = none recorded
  outcome      text NOT NULL,
  initiated_by text NOT NULL,
  attempts     bigint NOT NULL,
  PRIMARY KEY (creditor_id, day, collector_id, outcome, initiated_by)
);

-- Month-end buckets: 'M0'..'M7+' for open accounts, 'paid' (paid or settled), 'out'
-- (recalled or closed). One row per account placed by the month's end.
CREATE TABLE report_month_end (
  month         date NOT NULL,              -- first day of the month
  creditor_id   bigint NOT NULL,
  account_id    bigint NOT NULL,
  region_prefix text NOT NULL,
  collector_id  bigint NOT NULL,
  bucket        text NOT NULL,
  PRIMARY KEY (month, creditor_id, account_id)
);
CREATE TABLE report_month_end_runs (
  month      date PRIMARY KEY,
  taken_at   timestamptz NOT NULL,
  as_of      date NOT NULL,                 -- the date the buckets describe
  accounts   bigint NOT NULL,
  source     text NOT NULL                  -- 'strategy YYYY-MM-DD' or 'first_delinquency_date'
);
-- Accounts moving from their bucket at the previous month's end to this month's.
CREATE TABLE report_rolls (
  month         date NOT NULL,
  creditor_id   bigint NOT NULL,
  region_prefix text NOT NULL,
  collector_id  bigint NOT NULL,
  from_bucket   text NOT NULL,
  to_bucket     text NOT NULL,
  accounts      bigint NOT NULL,
  PRIMARY KEY (month, creditor_id, region_prefix, collector_id, from_bucket, to_bucket)
);

-- Refused contact attempts are audit rows (contact.refused, detail.reasons = rule ids).
CREATE INDEX audit_log_contact_refused ON audit_log (at) WHERE action = 'contact.refused';
CREATE INDEX complaints_created ON complaints (created_at);

-- ---- keeping the summaries ----

-- New accounts (and re-placed ones) bring their facts and their placed balance.
CREATE FUNCTION report_facts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH added AS (
    INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
    SELECT n.creditor_id, n.id, n.placement_id, date_trunc('month', p.placed_on)::date, coalesce(left(n.region_code, 2), ''),
           report_bucket(p.placed_on - n.first_delinquency_date), n.principal_fen + n.interest_fen + n.fees_fen,
           coalesce((SELECT CASE WHEN s.ended_at IS NULL THEN s.collector_id END FROM assignments s WHERE s.creditor_id = n.creditor_id AND s.account_id = n.id ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0)
      FROM report_new_accounts n JOIN placements p ON p.creditor_id = n.creditor_id AND p.id = n.placement_id
    ON CONFLICT DO NOTHING
    RETURNING *)
  INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
  SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, count(*), sum(placed_fen)
    FROM added GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
  DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen;
  RETURN NULL;
END $$;
CREATE TRIGGER report_accounts_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS report_new_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION report_facts_add();
-- A recalled account placed again (imports) starts a new vintage; the old one keeps its
-- placed balance and the payments made under it.
CREATE FUNCTION report_facts_replaced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH added AS (
    INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
    SELECT NEW.creditor_id, NEW.id, NEW.placement_id, date_trunc('month', p.placed_on)::date, coalesce(left(NEW.region_code, 2), ''),
           report_bucket(p.placed_on - NEW.first_delinquency_date), NEW.principal_fen + NEW.interest_fen + NEW.fees_fen,
           coalesce((SELECT CASE WHEN s.ended_at IS NULL THEN s.collector_id END FROM assignments s WHERE s.creditor_id = NEW.creditor_id AND s.account_id = NEW.id ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0)
      FROM placements p WHERE p.creditor_id = NEW.creditor_id AND p.id = NEW.placement_id
    ON CONFLICT DO NOTHING
    RETURNING *)
  INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
  SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, 1, placed_fen FROM added
  ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
  DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen;
  RETURN NULL;
END $$;
CREATE TRIGGER report_accounts_replaced AFTER UPDATE OF placement_id ON accounts
  FOR EACH ROW WHEN (OLD.placement_id IS DISTINCT FROM NEW.placement_id) EXECUTE FUNCTION report_facts_replaced();

-- Payments, by the facts of the account's current placement and the collector credited:
-- payments.collector_id (set when the payment is settled: promise credit window, else the
-- owner at the end of the payment day; migration 0010), and until then the owner per the
-- assignment history on the payment date (the latest assignment that started by the end of
-- that day and had not ended before it began, agency zone). To credit by the assignment
-- history alone, drop "d.collector_id," from the line marked (*).
CREATE FUNCTION report_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT creditor_id, account_id, amount_fen, paid_on, collector_id, 1 AS sign FROM report_new_payments'
    WHEN 'DELETE' THEN 'SELECT creditor_id, account_id, amount_fen, paid_on, collector_id, -1 AS sign FROM report_old_payments'
    ELSE 'WITH changed AS (SELECT o.creditor_id, o.id FROM report_old_payments o JOIN report_new_payments n USING (creditor_id, id)
                           WHERE (o.account_id, o.amount_fen, o.paid_on, o.collector_id) IS DISTINCT FROM (n.account_id, n.amount_fen, n.paid_on, n.collector_id))
          SELECT o.creditor_id, o.account_id, o.amount_fen, o.paid_on, o.collector_id, -1 AS sign FROM report_old_payments o JOIN changed USING (creditor_id, id)
          UNION ALL
          SELECT n.creditor_id, n.account_id, n.amount_fen, n.paid_on, n.collector_id, 1 AS sign FROM report_new_payments n JOIN changed USING (creditor_id, id)' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO report_recovered AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, paid_month, payments, recovered_fen)
    SELECT f.creditor_id, f.placement_month, f.region_prefix, f.bucket,
           coalesce(d.collector_id, (                                                   -- (*)
             SELECT s.collector_id FROM assignments s
              WHERE s.creditor_id = d.creditor_id AND s.account_id = d.account_id
                AND s.assigned_at < ((d.paid_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
                AND (s.ended_at IS NULL OR s.ended_at > (d.paid_on::timestamp AT TIME ZONE 'Asia/Shanghai'))
              ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0),
           date_trunc('month', d.paid_on)::date,
           coalesce(sum(d.sign) FILTER (WHERE d.amount_fen > 0), 0), sum(d.sign * d.amount_fen)
      FROM (%s) d
      JOIN accounts a ON a.creditor_id = d.creditor_id AND a.id = d.account_id
      JOIN report_account_facts f ON f.creditor_id = a.creditor_id AND f.account_id = a.id AND f.placement_id = a.placement_id
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id, paid_month)
    DO UPDATE SET payments = r.payments + excluded.payments, recovered_fen = r.recovered_fen + excluded.recovered_fen
  $q$, delta);
  RETURN NULL;
END $$;
CREATE TRIGGER report_payments_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS report_new_payments
  FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();
CREATE TRIGGER report_payments_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS report_old_payments NEW TABLE AS report_new_payments
  FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();
CREATE TRIGGER report_payments_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS report_old_payments
  FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();

-- An account changing hands moves its placed balance to the new owner's figures.
-- The owner is the account's latest assignment if still open (here and above). It is looked up through the full
-- (creditor_id, account_id, assigned_at) index on purpose: a lookup by `ended_at IS NULL` may be
-- planned on a partial index whose statistics still say it is empty (right after every
-- assignment was ended), scanning all of it once per row: a 100,000-account deal never ended.
CREATE FUNCTION report_owner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH touched AS (SELECT DISTINCT creditor_id, account_id FROM report_new_assignments),
  owner AS (
    SELECT t.creditor_id, t.account_id, coalesce((SELECT CASE WHEN s.ended_at IS NULL THEN s.collector_id END FROM assignments s
             WHERE s.creditor_id = t.creditor_id AND s.account_id = t.account_id
             ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0) AS collector_id
      FROM touched t),
  changed AS (
    SELECT f.creditor_id, f.account_id, f.placement_id, f.placement_month, f.region_prefix, f.bucket, f.placed_fen,
           f.collector_id AS was, o.collector_id AS now
      FROM report_account_facts f JOIN owner o ON o.creditor_id = f.creditor_id AND o.account_id = f.account_id
     WHERE f.collector_id <> o.collector_id),
  moved AS (
    UPDATE report_account_facts f SET collector_id = c.now FROM changed c
     WHERE f.creditor_id = c.creditor_id AND f.account_id = c.account_id AND f.placement_id = c.placement_id),
  delta AS (
    SELECT creditor_id, placement_month, region_prefix, bucket, was AS collector_id, -1 AS n, -placed_fen AS fen FROM changed
    UNION ALL
    SELECT creditor_id, placement_month, region_prefix, bucket, now, 1, placed_fen FROM changed)
  INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
  SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, sum(n), sum(fen) FROM delta GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
  DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen;
  RETURN NULL;
END $$;
CREATE TRIGGER report_assignments_insert AFTER INSERT ON assignments REFERENCING NEW TABLE AS report_new_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION report_owner_changed();
CREATE TRIGGER report_assignments_update AFTER UPDATE ON assignments REFERENCING NEW TABLE AS report_new_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION report_owner_changed();

-- Contact attempts by day (agency zone), collector and outcome. Attempts are never edited.
CREATE FUNCTION report_contacts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_contacts AS r (creditor_id, day, collector_id, outcome, initiated_by, attempts)
  SELECT creditor_id, (at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(collector_id, 0), outcome, initiated_by, count(*)
    FROM report_new_attempts GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, day, collector_id, outcome, initiated_by) DO UPDATE SET attempts = r.attempts + excluded.attempts;
  RETURN NULL;
END $$;
CREATE TRIGGER report_contacts_insert AFTER INSERT ON contact_attempts REFERENCING NEW TABLE AS report_new_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION report_contacts_add();

-- Emptied tables empty their summaries (test and bench resets).
CREATE FUNCTION report_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'accounts' THEN
    TRUNCATE report_account_facts, report_placed, report_recovered, report_month_end, report_month_end_runs, report_rolls;
  ELSIF TG_TABLE_NAME = 'payments' THEN
    TRUNCATE report_recovered;
  ELSE
    TRUNCATE report_contacts;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_accounts_truncate AFTER TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION report_reset();
CREATE TRIGGER report_payments_truncate AFTER TRUNCATE ON payments FOR EACH STATEMENT EXECUTE FUNCTION report_reset();
CREATE TRIGGER report_contacts_truncate AFTER TRUNCATE ON contact_attempts FOR EACH STATEMENT EXECUTE FUNCTION report_reset();

ALTER TABLE accounts ENABLE ALWAYS TRIGGER report_accounts_insert;
ALTER TABLE accounts ENABLE ALWAYS TRIGGER report_accounts_replaced;
ALTER TABLE accounts ENABLE ALWAYS TRIGGER report_accounts_truncate;
ALTER TABLE payments ENABLE ALWAYS TRIGGER report_payments_insert;
ALTER TABLE payments ENABLE ALWAYS TRIGGER report_payments_update;
ALTER TABLE payments ENABLE ALWAYS TRIGGER report_payments_delete;
ALTER TABLE payments ENABLE ALWAYS TRIGGER report_payments_truncate;
ALTER TABLE assignments ENABLE ALWAYS TRIGGER report_assignments_insert;
ALTER TABLE assignments ENABLE ALWAYS TRIGGER report_assignments_update;
ALTER TABLE contact_attempts ENABLE ALWAYS TRIGGER report_contacts_insert;
ALTER TABLE contact_attempts ENABLE ALWAYS TRIGGER report_contacts_truncate;

-- ---- what was there before this migration ----
INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
SELECT a.creditor_id, a.id, a.placement_id, date_trunc('month', p.placed_on)::date, coalesce(left(a.region_code, 2), ''),
       report_bucket(p.placed_on - a.first_delinquency_date), a.principal_fen + a.interest_fen + a.fees_fen,
       coalesce((SELECT CASE WHEN s.ended_at IS NULL THEN s.collector_id END FROM assignments s WHERE s.creditor_id = a.creditor_id AND s.account_id = a.id ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0)
  FROM accounts a JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id;
INSERT INTO report_placed (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, count(*), sum(placed_fen)
  FROM report_account_facts GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_recovered (creditor_id, placement_month, region_prefix, bucket, collector_id, paid_month, payments, recovered_fen)
SELECT f.creditor_id, f.placement_month, f.region_prefix, f.bucket,
       coalesce(d.collector_id, (SELECT s.collector_id FROM assignments s
                  WHERE s.creditor_id = d.creditor_id AND s.account_id = d.account_id
                    AND s.assigned_at < ((d.paid_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
                    AND (s.ended_at IS NULL OR s.ended_at > (d.paid_on::timestamp AT TIME ZONE 'Asia/Shanghai'))
                  ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0),
       date_trunc('month', d.paid_on)::date, count(*) FILTER (WHERE d.amount_fen > 0), sum(d.amount_fen)
  FROM payments d
  JOIN accounts a ON a.creditor_id = d.creditor_id AND a.id = d.account_id
  JOIN report_account_facts f ON f.creditor_id = a.creditor_id AND f.account_id = a.id AND f.placement_id = a.placement_id
 GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_contacts (creditor_id, day, collector_id, outcome, initiated_by, attempts)
SELECT creditor_id, (at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(collector_id, 0), outcome, initiated_by, count(*)
  FROM contact_attempts GROUP BY 1, 2, 3, 4, 5;
