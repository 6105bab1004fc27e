-- The bank is told what waits for its decision: a hardship application submitted or resubmitted
-- (停息挂账, with the day it lapses undecided), a settlement offer (减免) only the bank may approve.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed',
  'settlement_approved', 'settlement_rejected', 'settlement_settled', 'settlement_lapsed',
  'complaint_closed', 'dispute_verified', 'dispute_returned',
  'qa_reviewed', 'qa_appealed', 'qa_appeal_decided', 'promise_ended', 'account_paid', 'account_reopened',
  'settlement_reopened', 'plan_reopened', 'settlement_cancelled',
  'application_to_decide', 'settlement_to_decide'));
