-- Skip-trace results (失联修复结果) come in as files too: numbers found for debtors, the
-- debtor's own or a named third party's, with where they were found.
ALTER TABLE import_batches DROP CONSTRAINT import_batches_kind_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_kind_check CHECK (kind IN ('placements', 'payments', 'recalls', 'contacts'));
