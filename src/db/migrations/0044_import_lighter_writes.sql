-- Two writes every new account paid for and did not need (docs/import.md, "Figures").
--
-- The phone lookup (0031) finds a caller or an SMS reply's sender by equality on the keyed hash
-- alone. A hash index answers exactly that, and inserting a random 32-byte key into it costs
-- the database less than into a B-tree (about 7% of its CPU in a million-row placement import).
DROP INDEX contact_points_phone_hash;
CREATE INDEX contact_points_phone_hash ON contact_points USING hash (value_hash) WHERE kind = 'phone';

-- An account just inserted has no assignment yet (assignments reference an existing account), so
-- its report row's collector is 0 (unassigned) without looking it up for each account.
CREATE OR REPLACE FUNCTION report_facts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
