-- "On hold" (停催) is no longer stored as an account status: a hold (holds) is its one record,
-- and the accounts list, its status filter and the bank's account status file show an account on
-- hold while a hold that stops collection is in force over it. The product never stored
-- 'on_hold'; only the demo portfolio did, beside an open complaint's or dispute's hold, and such an
-- account stayed out of the collector's queue for good once the case closed. Each goes back to
-- collection as the product would have left it: lost contact (失联) when none of its debtor's own
-- contact points works, else active. Its holds stay as they are and keep stopping collection.
UPDATE accounts a
   SET status = CASE WHEN EXISTS (SELECT 1 FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.owner = 'debtor' AND cp.verified <> 'invalid')
                     THEN 'active' ELSE 'lost_contact' END,
       version = a.version + 1, updated_at = now()
 WHERE a.status = 'on_hold';

ALTER TABLE accounts DROP CONSTRAINT accounts_status_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN
  ('placed', 'active', 'promised', 'in_plan', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'));
