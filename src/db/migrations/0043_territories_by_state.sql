-- A territory (片区) names a region prefix: 2 to 6 digits of a GB/T 2260 code, or now a US state
-- as its debtors' accounts are filed (ISO 3166-2, 'US-MA'): a US agency deals by state, where its
-- licences and its collectors are.
ALTER TABLE territories DROP CONSTRAINT territories_region_prefix_check;
ALTER TABLE territories ADD CONSTRAINT territories_region_prefix_check CHECK (region_prefix ~ '^([0-9]{2,6}|US-[A-Z]{2})$');
