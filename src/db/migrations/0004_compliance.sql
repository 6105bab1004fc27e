-- Contact compliance in the product: holds with their full vocabulary, debtor-level channel
-- opt-outs, and the indexes the contact check and the call/SMS plan read.

ALTER TABLE holds DROP CONSTRAINT holds_kind_check;
ALTER TABLE holds ADD CONSTRAINT holds_kind_check CHECK (kind IN ('dispute', 'cease', 'deceased', 'bankrupt', 'attorney',
  'capacity', 'complaint_review', 'hardship_review', 'breathing_space', 'mental_health_crisis', 'plan_pending',
  'plan_pending_extended', 'vulnerable'));
-- A hold starts on a local date (the rules that run for a period count from it) and may end
-- on one (inclusive); released_reason says why it was lifted early.
ALTER TABLE holds ADD COLUMN starts_on date;
ALTER TABLE holds ADD COLUMN released_reason text;
UPDATE holds SET starts_on = (set_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE holds ALTER COLUMN starts_on SET NOT NULL;
-- Writers that do not say when a hold starts (bulk loads): the day it was set, in the
-- agency's default zone.
CREATE FUNCTION holds_default_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.starts_on := coalesce(NEW.starts_on, (NEW.set_at AT TIME ZONE 'Asia/Shanghai')::date);
  RETURN NEW;
END $$;
CREATE TRIGGER holds_default_start BEFORE INSERT ON holds FOR EACH ROW EXECUTE FUNCTION holds_default_start();
CREATE INDEX holds_account_open ON holds (creditor_id, account_id) WHERE released_at IS NULL;

-- Channels the debtor refused altogether (a medium opt-out), beside per-point opt-outs.
ALTER TABLE debtors ADD COLUMN opted_out_channels text[] NOT NULL DEFAULT '{}';

CREATE INDEX suspensions_open ON suspensions (scope, code) WHERE ended_at IS NULL;
CREATE INDEX assignments_team ON assignments (team_id) WHERE ended_at IS NULL;
CREATE INDEX contact_attempts_at ON contact_attempts (at);
