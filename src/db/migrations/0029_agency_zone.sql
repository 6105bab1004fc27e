-- The agency's zone (LEEWAY_ZONE) in the database. Business dates the database derives itself
-- (a complaint's or hold's first day, the contact report's day, whose a payment was on its day)
-- were taken in Asia/Shanghai whatever the agency's zone; an agency in New York or London got
-- Shanghai's days. Each Leeway connection now carries its process's zone as the setting
-- leeway.agency_zone; a session that does not set it (psql) keeps Asia/Shanghai.
CREATE FUNCTION agency_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('leeway.agency_zone', true), ''), 'Asia/Shanghai')
$$;

CREATE OR REPLACE FUNCTION holds_default_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.starts_on := coalesce(NEW.starts_on, (NEW.set_at AT TIME ZONE agency_zone())::date);
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION complaints_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.status := CASE NEW.status WHEN 'investigating' THEN 'open' WHEN 'upheld' THEN 'closed' WHEN 'rejected' THEN 'closed'
    WHEN 'resolved' THEN 'closed' ELSE NEW.status END;
  IF NEW.status = 'closed' AND NEW.kind = 'complaint' AND NEW.finding IS NULL THEN NEW.finding := 'not_upheld'; END IF;
  NEW.channel := CASE NEW.channel WHEN 'bank' THEN 'creditor' ELSE NEW.channel END;
  NEW.opened_on := coalesce(NEW.opened_on, (NEW.created_at AT TIME ZONE agency_zone())::date);
  IF NEW.team_id IS NULL THEN
    NEW.team_id := (SELECT s.team_id FROM assignments s
                     WHERE s.creditor_id = NEW.creditor_id AND s.account_id = NEW.account_id AND s.ended_at IS NULL);
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION report_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
                AND s.assigned_at < ((d.paid_on + 1)::timestamp AT TIME ZONE agency_zone())
                AND (s.ended_at IS NULL OR s.ended_at > (d.paid_on::timestamp AT TIME ZONE agency_zone()))
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

CREATE OR REPLACE FUNCTION report_contacts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_contacts AS r (creditor_id, day, collector_id, outcome, initiated_by, attempts)
  SELECT creditor_id, (at AT TIME ZONE agency_zone())::date, coalesce(collector_id, 0), outcome, initiated_by, count(*)
    FROM report_new_attempts GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, day, collector_id, outcome, initiated_by) DO UPDATE SET attempts = r.attempts + excluded.attempts;
  RETURN NULL;
END $$;
