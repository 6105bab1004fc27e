-- Call quality review (质检): a team lead's or admin's review of one collector's call or visit
-- against the checklist (src/domain/quality/scorecard.ts), and the collector's appeal of it.
-- One review per contact attempt. The answers are kept item by item, so a changed checklist
-- never rewrites what a past review said.
CREATE TABLE qa_reviews (
  creditor_id          bigint NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  attempt_id           bigint NOT NULL,
  account_id           bigint NOT NULL,
  collector_id         bigint NOT NULL REFERENCES users (id),
  reviewer_id          bigint REFERENCES users (id),
  reviewer_name        text NOT NULL,
  answers              jsonb NOT NULL,
  score                integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  result               text NOT NULL CHECK (result IN ('pass', 'fail', 'red_line')),
  comment              text,
  complaint_linked     boolean NOT NULL,
  reviewed_at          timestamptz NOT NULL,
  status               text NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'appealed', 'upheld', 'overturned')),
  appeal_reason        text,
  appealed_at          timestamptz,
  appeal_note          text,
  appeal_decided_by    bigint REFERENCES users (id),
  appeal_decided_name  text,
  appeal_decided_at    timestamptz,
  PRIMARY KEY (creditor_id, id),
  UNIQUE (creditor_id, attempt_id),
  FOREIGN KEY (creditor_id, attempt_id) REFERENCES contact_attempts (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id),
  CHECK (result = 'pass' OR comment IS NOT NULL),
  CHECK ((status IN ('final') AND appeal_reason IS NULL) OR (status <> 'final' AND appeal_reason IS NOT NULL))
);
CREATE UNIQUE INDEX qa_reviews_id ON qa_reviews (id);
CREATE INDEX qa_reviews_collector ON qa_reviews (collector_id, id);

-- The review queue reads each collector's recent calls through contact_attempts_collector_at (0007).

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed',
  'settlement_approved', 'settlement_rejected', 'settlement_settled', 'settlement_lapsed',
  'complaint_closed', 'dispute_verified', 'dispute_returned',
  'qa_reviewed', 'qa_appealed', 'qa_appeal_decided'));
ALTER TABLE notifications ADD COLUMN qa_review_id bigint;
