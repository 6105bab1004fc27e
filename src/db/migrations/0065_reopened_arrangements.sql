-- A reversed payment can leave a settlement (减免) or an instalment plan it had completed unmet:
-- the notices that say so; and a settlement offer an approved hardship plan supersedes.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed',
  'settlement_approved', 'settlement_rejected', 'settlement_settled', 'settlement_lapsed',
  'complaint_closed', 'dispute_verified', 'dispute_returned',
  'qa_reviewed', 'qa_appealed', 'qa_appeal_decided', 'promise_ended', 'account_paid', 'account_reopened',
  'settlement_reopened', 'plan_reopened', 'settlement_cancelled'));
