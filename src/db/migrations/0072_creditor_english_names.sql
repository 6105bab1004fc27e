-- A creditor's name in English (name_en), for what a debtor reads in English or Spanish: the
-- portal names the bank the debt is owed to, and 华裕银行 means nothing to a reader of English.
-- Optional: without it the bank's own name is shown, as before. Set by an agency admin.
ALTER TABLE creditors ADD COLUMN name_en text CHECK (length(name_en) BETWEEN 1 AND 200);
