-- Notices (通知) for everyone, with read state (docs/cases.md, "Notices").
--
-- Hardship notices (0008) told the collector or the bank, but only on the account's page:
-- nothing said that something had happened, and nothing was ever marked read. Settlement
-- decisions, complaint findings and dispute answers told nobody. The table now holds every notice the system writes to a person or
-- to a bank, and each user reads theirs in one place.
ALTER TABLE hardship_notifications RENAME TO notifications;
ALTER INDEX hardship_notifications_account RENAME TO notifications_account;
ALTER INDEX hardship_notifications_creditor RENAME TO notifications_creditor;

-- 'staff': a named agency user who is not (necessarily) the account's collector, e.g. the
-- supervisor who asked for a settlement.
ALTER TABLE notifications DROP CONSTRAINT hardship_notifications_audience_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_audience_check CHECK (audience IN ('collector', 'creditor', 'staff'));
ALTER TABLE notifications DROP CONSTRAINT hardship_notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed',
  'settlement_approved', 'settlement_rejected', 'settlement_settled', 'settlement_lapsed',
  'complaint_closed', 'dispute_verified', 'dispute_returned'));
ALTER TABLE notifications ADD COLUMN waiver_id bigint;
ALTER TABLE notifications ADD COLUMN case_id bigint;
-- A notice for a person is theirs to read; one for a bank is read by any of its users, once
-- for all of them, and says who.
ALTER TABLE notifications ADD COLUMN read_by bigint REFERENCES users (id);

CREATE INDEX notifications_user ON notifications (user_id, id) WHERE user_id IS NOT NULL AND audience <> 'creditor';
CREATE INDEX notifications_creditor_unread ON notifications (creditor_id, id) WHERE audience = 'creditor' AND read_at IS NULL;
