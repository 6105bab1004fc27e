-- Month-end snapshots are pruned (docs/reports.md, "Roll rates"): report_month_end holds one row
-- per placed account per month and grew by the whole portfolio every month. A snapshot is only
-- read to count the next month's rolls, which report_rolls keeps for ever; snapshots older than
-- the newest thirteen months are deleted, and the month's run says when.
ALTER TABLE report_month_end_runs ADD COLUMN pruned_at timestamptz;
