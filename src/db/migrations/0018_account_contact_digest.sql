-- What the bank's last placement row for an account said about the debtor's phones and address,
-- as a 53-bit digest of their keyed hashes (src/app/import/contact-digest.ts; docs/import.md).
-- A balance file repeats them for almost every account: an equal digest means there is nothing
-- to look up. NULL (accounts placed before this column) simply looks up once.
ALTER TABLE accounts ADD COLUMN contact_digest bigint;
