-- A territory over all of a creditor's accounts (region prefix '*'): the team for the accounts no
-- narrower territory covers, and for those with no region at all (a UK bank's debtors are filed
-- with none, so no prefix could ever match them and dealing left them all unassigned).
ALTER TABLE territories DROP CONSTRAINT territories_region_prefix_check;
ALTER TABLE territories ADD CONSTRAINT territories_region_prefix_check CHECK (region_prefix ~ '^([0-9]{2,6}|US-[A-Z]{2}|\*)$');
