-- The bank's last accepted placement row for an account, cell for cell, as a 53-bit keyed digest
-- (HMAC-SHA-256 under the matching key, src/app/import/row-digest.ts; docs/import.md). A daily
-- balance file repeats most rows exactly: a row whose digest is the one the account keeps changes
-- nothing and is counted unchanged without being checked again. NULL (accounts placed before
-- this column, or a row with a cell Excel stored lossily) is simply checked.
ALTER TABLE accounts ADD COLUMN row_digest bigint;
