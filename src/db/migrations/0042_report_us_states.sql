-- The reports' region (report_account_facts.region_prefix) is a Chinese account's province, the
-- first two digits of its GB/T 2260 code. A US creditor's account now has its debtor's state as
-- its region (ISO 3166-2, 'US-MA'); its first two characters would put every US account under
-- one region 'US', so a US account's region in the reports is its state. No account had such a
-- region before this release, so no fact changes.
CREATE FUNCTION report_region(code text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN code LIKE 'US-%' THEN code ELSE coalesce(left(code, 2), '') END
$$;

CREATE OR REPLACE FUNCTION report_facts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH added AS (
    INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
    SELECT n.creditor_id, n.id, n.placement_id, date_trunc('month', p.placed_on)::date, report_region(n.region_code),
           report_bucket(p.placed_on - n.first_delinquency_date), n.principal_fen + n.interest_fen + n.fees_fen,
           coalesce((SELECT CASE WHEN s.ended_at IS NULL THEN s.collector_id END FROM assignments s WHERE s.creditor_id = n.creditor_id AND s.account_id = n.id ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1), 0)
      FROM report_new_accounts n JOIN placements p ON p.creditor_id = n.creditor_id AND p.id = n.placement_id
    RETURNING *)
  INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
  SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, count(*), sum(placed_fen)
    FROM added GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
  DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_facts_replaced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH added AS (
    INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
    SELECT NEW.creditor_id, NEW.id, NEW.placement_id, date_trunc('month', p.placed_on)::date, report_region(NEW.region_code),
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
