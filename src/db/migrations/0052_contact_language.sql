-- The language a call or visit was held in, as the collector recorded it (ISO 639-1, 'es'); NULL:
-- not recorded (and for written contacts, whose language follows from the debtor's: the product
-- writes a US debtor who reads Spanish in Spanish, anyone else in the contract's language).
-- New York City's language access rules ask a collection agency for a yearly count, by language,
-- of the accounts it collected on in a language other than English and of the employees who did
-- (`leeway reports language-access`).
ALTER TABLE contact_attempts ADD COLUMN language text CHECK (language ~ '^[a-z]{2}$');
