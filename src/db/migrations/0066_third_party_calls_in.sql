-- A third party who calls in (a relative returning the collector's call) is recorded as such:
-- the workstation and the contract allow `initiated_by = 'third_party'` (the US once-only limit
-- lifts when they ask to be contacted), but the table allowed only the agency and the debtor.
ALTER TABLE contact_attempts DROP CONSTRAINT contact_attempts_initiated_by_check;
ALTER TABLE contact_attempts ADD CONSTRAINT contact_attempts_initiated_by_check CHECK (initiated_by IN ('agency', 'debtor', 'third_party'));
