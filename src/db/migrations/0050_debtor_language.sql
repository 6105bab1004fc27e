-- The language the debtor asked to be written to in (their own words on a call, in a letter or
-- in the portal), set by the collector on the account page; NULL: not stated. Under a US contract
-- a debtor who asked for Spanish gets the validation notice in English and in Spanish
-- (12 CFR 1006.34(d)(3)(vi)); the other languages are recorded for the people who write to them.
ALTER TABLE debtors ADD COLUMN preferred_language text CHECK (preferred_language IN ('en', 'es', 'zh'));
