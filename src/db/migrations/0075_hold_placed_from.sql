-- The creditor whose account a hold was placed from, debtor-wide ones too (their creditor_id is
-- null: they cover every creditor's accounts of the debtor). A bank's user then reads another
-- bank's debtor-wide hold by its kind and dates only, not that bank's words about its own account.
-- Null: placed by the debtor (the portal) or for no one creditor.
ALTER TABLE holds ADD COLUMN placed_from_creditor_id bigint REFERENCES creditors (id);

UPDATE holds SET placed_from_creditor_id = creditor_id WHERE creditor_id IS NOT NULL;

-- Debtor-wide holds placed before: the creditor their audit row names (the account it was placed from).
UPDATE holds h SET placed_from_creditor_id = a.creditor_id
  FROM audit_log a
 WHERE h.creditor_id IS NULL AND a.action = 'hold.place' AND a.entity = 'hold' AND a.entity_id = h.id::text AND a.creditor_id IS NOT NULL;
