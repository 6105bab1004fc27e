-- Hardship (停息挂账 / 个性化分期): applications with evidence, the creditor's decision with a
-- deadline, active plans matched by payments, notifications, and region programmes.
-- See docs/hardship.md.

-- Applications: who submitted (a staff member or the debtor through the portal), when (the
-- business date the deadline counts from), the hold it placed, and what the creditor decided.
ALTER TABLE hardship_applications DROP CONSTRAINT hardship_applications_status_check;
ALTER TABLE hardship_applications ADD CONSTRAINT hardship_applications_status_check
  CHECK (status IN ('draft', 'submitted', 'info_requested', 'approved', 'rejected', 'expired', 'withdrawn'));
ALTER TABLE hardship_applications
  ADD COLUMN origin           text NOT NULL DEFAULT 'staff' CHECK (origin IN ('staff', 'portal')),
  ADD COLUMN origin_debtor_id bigint REFERENCES debtors (id),
  ADD COLUMN submitted_on     date,
  ADD COLUMN hold_id          bigint REFERENCES holds (id),
  ADD COLUMN evidence_note    text,
  ADD COLUMN programme_id     bigint,
  ADD COLUMN info_request     text,
  ADD COLUMN decided_terms    jsonb,
  ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT hardship_applications_income_check CHECK (monthly_income_fen IS NULL OR monthly_income_fen >= 0),
  ADD CONSTRAINT hardship_applications_essentials_check CHECK (monthly_essentials_fen IS NULL OR monthly_essentials_fen >= 0),
  ADD CONSTRAINT hardship_applications_origin_debtor_check CHECK (origin = 'staff' OR origin_debtor_id IS NOT NULL);
-- One open application per account: a second one while the first awaits a decision is a mistake.
CREATE UNIQUE INDEX hardship_applications_open ON hardship_applications (creditor_id, account_id)
  WHERE status IN ('submitted', 'info_requested');
CREATE INDEX hardship_applications_inbox ON hardship_applications (creditor_id, status, decision_due_on);

-- Evidence files, in the database: checksum, detected type (by magic bytes, never the name),
-- size. Served back only as attachments.
CREATE TABLE hardship_evidence (
  creditor_id    bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  application_id bigint NOT NULL,
  file_name      text NOT NULL,
  content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic')),
  size_bytes     integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content        bytea NOT NULL,
  uploaded_by    bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, application_id) REFERENCES hardship_applications (creditor_id, id)
);
CREATE INDEX hardship_evidence_application ON hardship_evidence (creditor_id, application_id);

-- The account's hardship timeline: every step, in order, beside its audit row.
CREATE TABLE hardship_events (
  creditor_id    bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  account_id     bigint NOT NULL,
  application_id bigint,
  plan_id        bigint,
  kind           text NOT NULL,
  actor          text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  note           text,
  detail         jsonb NOT NULL DEFAULT '{}',
  at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX hardship_events_account ON hardship_events (creditor_id, account_id, id);

-- Who is told: the account's collector (audience 'collector', user_id set) or the creditor's
-- users (audience 'creditor').
CREATE TABLE hardship_notifications (
  creditor_id    bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  account_id     bigint NOT NULL,
  audience       text NOT NULL CHECK (audience IN ('collector', 'creditor')),
  user_id        bigint REFERENCES users (id),
  kind           text NOT NULL CHECK (kind IN ('application_rejected', 'application_expired', 'info_requested', 'application_approved',
                   'plan_defaulted', 'plan_completed')),
  application_id bigint,
  plan_id        bigint,
  message        text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  read_at        timestamptz,
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id)
);
CREATE INDEX hardship_notifications_account ON hardship_notifications (creditor_id, account_id);
CREATE INDEX hardship_notifications_creditor ON hardship_notifications (creditor_id, audience, created_at);

-- Plans: the agreed terms, the business date they start (payments from then on count), the
-- instalments' parts, and when each was covered.
ALTER TABLE instalment_plans
  ADD COLUMN start_date   date,
  ADD COLUMN months       integer CHECK (months > 0),
  ADD COLUMN terms        jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN ended_on     date,
  ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now();
CREATE INDEX instalment_plans_active ON instalment_plans (creditor_id, account_id) WHERE status = 'active';
ALTER TABLE plan_instalments
  ADD COLUMN principal_fen bigint NOT NULL DEFAULT 0 CHECK (principal_fen >= 0),
  ADD COLUMN fee_fen       bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  ADD COLUMN paid_on       date,
  ADD CONSTRAINT plan_instalments_paid_check CHECK (paid_fen >= 0 AND paid_fen <= amount_fen);

-- A hardship programme for a suspension (region epidemic, disaster): applications from the
-- debtors it covers start with the reason and the evidence note filled in.
CREATE TABLE hardship_programmes (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  suspension_id bigint NOT NULL REFERENCES suspensions (id),
  name          text NOT NULL,
  reason        text NOT NULL DEFAULT 'disaster' CHECK (reason IN ('unemployment', 'illness', 'disaster', 'business_failure', 'income_drop', 'other')),
  evidence_note text NOT NULL,
  opened_by     bigint REFERENCES users (id),
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
CREATE UNIQUE INDEX hardship_programmes_open ON hardship_programmes (suspension_id) WHERE closed_at IS NULL;
ALTER TABLE hardship_applications ADD CONSTRAINT hardship_applications_programme_fk
  FOREIGN KEY (programme_id) REFERENCES hardship_programmes (id);
