-- The two hours' rest after a contact (next-account.ts) follows a call, a text or a visit, the
-- touches a debtor feels at once. A letter or an e-mail (the validation notices printed for a
-- whole US placement, say) no longer rests the account: the queue offered nothing for two hours
-- after the notices went, while every account could be called.
CREATE OR REPLACE FUNCTION work_claims_contacted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_claims (account_id, last_contact_at)
  SELECT account_id, max(at) FROM new_rows WHERE channel NOT IN ('letter', 'email') GROUP BY account_id ORDER BY account_id
  ON CONFLICT (account_id) DO UPDATE SET last_contact_at = EXCLUDED.last_contact_at
    WHERE work_claims.last_contact_at IS NULL OR work_claims.last_contact_at < EXCLUDED.last_contact_at;
  RETURN NULL;
END $$;
