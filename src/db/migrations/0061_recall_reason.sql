-- Why an account went back to its bank (退案原因), kept with its recall date: 'term_end' (its
-- mandate's last day passed, 到期退案), 'creditor' (the bank's recall file, 委托方退案) or
-- 'dispute' (a dispute the bank did not verify: the bank took the account back). Null while the
-- account is with the agency (a recalled account placed again drops it with its recall date).
ALTER TABLE accounts ADD COLUMN recall_reason text CHECK (recall_reason IN ('term_end', 'creditor', 'dispute'));

-- Accounts recalled before this was kept: a dispute returned on the account, else the date tells
-- (the mandate's last day: its term ended; any other: the bank's recall).
UPDATE accounts a
   SET recall_reason = CASE
         WHEN EXISTS (SELECT 1 FROM complaints d WHERE d.account_id = a.id AND d.kind = 'dispute' AND d.status = 'returned') THEN 'dispute'
         WHEN a.recalled_on = greatest(pl.ends_on, a.retained_until) THEN 'term_end'
         ELSE 'creditor' END
  FROM placements pl
 WHERE a.recalled_on IS NOT NULL AND pl.creditor_id = a.creditor_id AND pl.id = a.placement_id;
