-- The time zones of a phone number's area (libphonenumber's map; app/phone-zones.ts), kept with
-- the number when it is added: the number itself is stored encrypted, so they cannot be worked out
-- later in SQL. The compliance engine judges a US debtor in every zone of their address and of
-- their own phones (12 CFR 1006.6(b)(1)(i)). NULL: not known (a Chinese number, stored without its
-- country code; a number added before this column).
ALTER TABLE contact_points ADD COLUMN time_zones text[];

-- The call plan gathers the zones per debtor; only numbers with zones are indexed, so a portfolio
-- of Chinese numbers pays nothing for it.
CREATE INDEX contact_points_zoned ON contact_points (debtor_id) WHERE time_zones IS NOT NULL;
