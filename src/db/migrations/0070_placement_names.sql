-- Imported placements (委案批次) were named after the batch that made them, `import:17:2026-03-02`,
-- and that name showed on every screen, the banks' included. They are now named as people know
-- them, the creditor's code and the placement date, `BANK1-20260302` (as the demo's are); a second
-- placement of a creditor on one date is `BANK1-20260302-2`, and so on
-- (src/db/import-repository.ts, placementNameSql). The old names take the new form here, after
-- any name already in that form, in the order they were made. The audit log keeps the names as
-- they were when each entry was written.
WITH old AS (
  SELECT p.creditor_id, p.id, c.code || '-' || to_char(p.placed_on, 'YYYYMMDD') AS base
    FROM placements p JOIN creditors c ON c.id = p.creditor_id
   WHERE p.batch_ref ~ '^import:[0-9]+:[0-9]{4}-[0-9]{2}-[0-9]{2}$'
), ranked AS (
  SELECT o.creditor_id, o.id, o.base,
         row_number() OVER (PARTITION BY o.creditor_id, o.base ORDER BY o.id)
         + coalesce((SELECT max(CASE WHEN q.batch_ref = o.base THEN 1 ELSE substr(q.batch_ref, length(o.base) + 2)::int END)
                       FROM placements q
                      WHERE q.creditor_id = o.creditor_id AND (q.batch_ref = o.base
                        OR (starts_with(q.batch_ref, o.base || '-') AND substr(q.batch_ref, length(o.base) + 2) ~ '^[0-9]{1,6}$'))), 0) AS k
    FROM old o
)
UPDATE placements p SET batch_ref = CASE WHEN r.k = 1 THEN r.base ELSE r.base || '-' || r.k END
  FROM ranked r
 WHERE p.creditor_id = r.creditor_id AND p.id = r.id;
