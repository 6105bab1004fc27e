-- 还款方式: how a creditor's debtors pay it (its official app, branches, its own account for
-- repayment, its service line), in Chinese and English, set by an agency admin. The agency
-- takes no money; the debtor's portal and the collection letters say where to pay, next to the
-- warning that no one will ever ask them to pay a personal account.
ALTER TABLE creditors
  ADD COLUMN repayment_zh text CHECK (length(repayment_zh) BETWEEN 1 AND 1000),
  ADD COLUMN repayment_en text CHECK (length(repayment_en) BETWEEN 1 AND 1000);
