-- 留案: an account the bank agreed the agency keeps working past its placement's last day, until
-- this day (null: the placement's term). The account's mandate ends on the later of the two: the
-- night after it the account is recalled, commission is earned up to it, and a promise falls due by it.
ALTER TABLE accounts ADD COLUMN retained_until date;
