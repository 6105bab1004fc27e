-- The language the debtor asked to be written to in, as an ISO 639-1 code ('es'): from the
-- bank's placement file (a new debtor's) or the collector on the account page; NULL: not stated.
-- Under a US contract a debtor who asked for Spanish gets the validation notice in English and in
-- Spanish (12 CFR 1006.34(d)(3)(vi)); any other language is recorded for the people who write to them.
ALTER TABLE debtors ADD COLUMN preferred_language text CHECK (preferred_language ~ '^[a-z]{2}$');
