-- 承诺还款 changed after it was taken. A collector cancels an open promise (the debtor withdrew it,
-- it was taken by mistake) or moves it (改约: a new date or amount, the old one cancelled and the
-- new one linked to it), always with the reason. And a hold that stops collection (a dispute, a
-- complaint or hardship under review, a death, an adviser, ...) ends the open promises of the
-- accounts it covers the moment it is placed, and so does a suspension (区域停催) over the
-- promises whose days it covers: collection has stopped, so no promise of that account is later
-- counted broken against the debtor.
ALTER TABLE promises
  ADD COLUMN cancel_reason     text,
  ADD COLUMN cancelled_by      bigint REFERENCES users (id),
  ADD COLUMN cancelled_by_hold bigint REFERENCES holds (id),
  ADD COLUMN cancelled_by_suspension bigint REFERENCES suspensions (id),
  ADD COLUMN rescheduled_from  bigint,
  ADD CONSTRAINT promises_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  ADD CONSTRAINT promises_rescheduled_from FOREIGN KEY (creditor_id, rescheduled_from) REFERENCES promises (creditor_id, id);

-- The collector who holds an ended promise is told (notification `promise_ended`).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed',
  'settlement_approved', 'settlement_rejected', 'settlement_settled', 'settlement_lapsed',
  'complaint_closed', 'dispute_verified', 'dispute_returned',
  'qa_reviewed', 'qa_appealed', 'qa_appeal_decided', 'promise_ended'));
