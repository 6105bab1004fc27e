-- A placement import writes its new accounts' report rows itself, with one binary COPY and one
-- grouped upsert per chunk (src/app/import/import-placements.ts), rather than the trigger's
-- INSERT ... SELECT over each statement's new rows: about a seventh of the database's work in a
-- million-row import (docs/import.md, "Figures"). It says so for its own transaction
-- (leeway.report_facts = 'written'); every other insert of accounts is counted by the trigger as before.
CREATE OR REPLACE FUNCTION report_facts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('leeway.report_facts', true) = 'written' THEN
    RETURN NULL;
  END IF;
  WITH added AS (
    INSERT INTO report_account_facts (creditor_id, account_id, placement_id, placement_month, region_prefix, bucket, placed_fen, collector_id)
    SELECT n.creditor_id, n.id, n.placement_id, date_trunc('month', p.placed_on)::date, report_region(n.region_code),
           report_bucket(p.placed_on - n.first_delinquency_date), n.principal_fen + n.interest_fen + n.fees_fen, 0
      FROM report_new_accounts n JOIN placements p ON p.creditor_id = n.creditor_id AND p.id = n.placement_id
    RETURNING *)
  INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
  SELECT creditor_id, placement_month, region_prefix, bucket, collector_id, count(*), sum(placed_fen)
    FROM added GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
  DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen;
  RETURN NULL;
END $$;
