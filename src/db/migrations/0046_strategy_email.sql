-- The nightly run's reminders e-mailed to debtors no SMS could reach (docs/strategy.md).
ALTER TABLE strategy_runs ADD COLUMN email_queued integer;
