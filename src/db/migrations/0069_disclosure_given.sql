-- Whether the debt collector disclosure (12 CFR 1006.18(e)) was given on a conversation with the
-- debtor under a US contract, as the collector recorded it: true or false there, NULL everywhere
-- else (other contracts, other outcomes, and attempts recorded before it was asked).
ALTER TABLE contact_attempts ADD COLUMN disclosure_given boolean;
