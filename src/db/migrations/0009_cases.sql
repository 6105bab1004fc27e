-- Cases (docs/cases.md): settlements and waivers (减免), disputes and complaints (投诉).

-- A settlement offer: the balance parts as they stood when offered, the discount on each
-- part, and how the rest is paid (one sum by a date, or dated instalments). The authority
-- the discount needs decides whether it is approved at once or waits in an approver's inbox.
ALTER TABLE waivers DROP CONSTRAINT waivers_status_check;
ALTER TABLE waivers ADD CONSTRAINT waivers_status_check
  CHECK (status IN ('requested', 'approved', 'rejected', 'settled', 'lapsed', 'cancelled'));
ALTER TABLE waivers ADD COLUMN balance_principal_fen bigint NOT NULL DEFAULT 0 CHECK (balance_principal_fen >= 0);
ALTER TABLE waivers ADD COLUMN balance_interest_fen bigint NOT NULL DEFAULT 0 CHECK (balance_interest_fen >= 0);
ALTER TABLE waivers ADD COLUMN balance_fees_fen bigint NOT NULL DEFAULT 0 CHECK (balance_fees_fen >= 0);
ALTER TABLE waivers ADD COLUMN settle_fen bigint NOT NULL DEFAULT 0 CHECK (settle_fen >= 0);
ALTER TABLE waivers ADD COLUMN payment text NOT NULL DEFAULT 'lump_sum' CHECK (payment IN ('lump_sum', 'instalments'));
-- [{"n": 1, "due_date": "2026-04-30", "amount_fen": 12345}, ...]; one element for a lump sum.
ALTER TABLE waivers ADD COLUMN schedule jsonb NOT NULL DEFAULT '[]';
-- The last due date: paid in full on or before it = settled.
ALTER TABLE waivers ADD COLUMN due_date date;
-- Payments count from this business date (the day of the offer).
ALTER TABLE waivers ADD COLUMN offered_on date;
-- Who must approve: 'requester' (within the requester's own limit), 'supervisor', 'creditor'.
ALTER TABLE waivers ADD COLUMN approver text NOT NULL DEFAULT 'requester' CHECK (approver IN ('requester', 'supervisor', 'creditor'));
-- The team whose supervisor approves (the account's team when offered).
ALTER TABLE waivers ADD COLUMN team_id bigint REFERENCES teams (id);
ALTER TABLE waivers ADD COLUMN note text;
ALTER TABLE waivers ADD COLUMN decision_reason text;
ALTER TABLE waivers ADD COLUMN decided_at timestamptz;
ALTER TABLE waivers ADD COLUMN resolved_on date;
ALTER TABLE waivers ADD CONSTRAINT waivers_discount_within_parts CHECK (
  principal_fen BETWEEN 0 AND balance_principal_fen AND interest_fen BETWEEN 0 AND balance_interest_fen
  AND fees_fen BETWEEN 0 AND balance_fees_fen);
CREATE INDEX waivers_account ON waivers (creditor_id, account_id);
CREATE INDEX waivers_waiting ON waivers (approver, team_id) WHERE status = 'requested';
-- The nightly evaluation reads only approved offers.
CREATE INDEX waivers_approved ON waivers (creditor_id, account_id) WHERE status = 'approved';
CREATE UNIQUE INDEX waivers_one_live ON waivers (creditor_id, account_id) WHERE status IN ('requested', 'approved');

-- Disputes and complaints share a table (kind). A dispute ends verified (collection resumes)
-- or returned (the account goes back to the creditor); a complaint ends closed with a finding.
ALTER TABLE complaints DROP CONSTRAINT complaints_status_check;
ALTER TABLE complaints ADD COLUMN dispute_reason text CHECK (dispute_reason IN ('wrong_amount', 'not_mine', 'already_paid'));
-- 'staff' (a user recorded it) or 'portal' (the debtor, online).
ALTER TABLE complaints ADD COLUMN origin text NOT NULL DEFAULT 'staff' CHECK (origin IN ('staff', 'portal'));
ALTER TABLE complaints ADD COLUMN opened_by bigint REFERENCES users (id);
ALTER TABLE complaints ADD COLUMN attempt_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE complaints ADD COLUMN recording_ref text;
ALTER TABLE complaints ADD COLUMN hold_id bigint REFERENCES holds (id);
ALTER TABLE complaints ADD COLUMN team_id bigint REFERENCES teams (id);
ALTER TABLE complaints ADD COLUMN opened_on date;
-- Complaints: the investigation deadline (5 Chinese business days from opening).
ALTER TABLE complaints ADD COLUMN due_on date;
ALTER TABLE complaints ADD COLUMN collector_statement text;
ALTER TABLE complaints ADD COLUMN collector_statement_at timestamptz;
ALTER TABLE complaints ADD COLUMN finding text CHECK (finding IN ('upheld', 'not_upheld'));
ALTER TABLE complaints ADD COLUMN action text CHECK (action IN ('none', 'coaching', 'reassign', 'discipline'));
ALTER TABLE complaints ADD COLUMN resolution_note text;
ALTER TABLE complaints ADD COLUMN resolved_by bigint REFERENCES users (id);
UPDATE complaints SET finding = CASE WHEN status = 'upheld' THEN 'upheld' ELSE 'not_upheld' END, status = 'closed'
 WHERE kind = 'complaint' AND status IN ('upheld', 'rejected', 'resolved');
UPDATE complaints SET status = 'verified' WHERE kind = 'dispute' AND status IN ('upheld', 'rejected', 'resolved');
UPDATE complaints SET status = 'open' WHERE status = 'investigating';
UPDATE complaints SET channel = 'creditor' WHERE channel = 'bank';
ALTER TABLE complaints ADD CONSTRAINT complaints_status_check CHECK (status IN ('open', 'verified', 'returned', 'closed'));
ALTER TABLE complaints ADD CONSTRAINT complaints_channel_check
  CHECK (channel IN ('phone', 'online', 'creditor', 'regulator', 'letter', 'visit', 'portal'));
ALTER TABLE complaints ADD CONSTRAINT complaints_status_by_kind CHECK (
  (kind = 'dispute' AND status IN ('open', 'verified', 'returned') AND finding IS NULL)
  OR (kind = 'complaint' AND status IN ('open', 'closed') AND dispute_reason IS NULL));
ALTER TABLE complaints ADD CONSTRAINT complaints_closed_has_finding CHECK (kind <> 'complaint' OR status <> 'closed' OR finding IS NOT NULL);
-- Writers that load rows in bulk (the demo portfolio) say less than the use cases do: the
-- old vocabulary is mapped, the day opened and the team are filled in from the account.
CREATE FUNCTION complaints_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.status := CASE NEW.status WHEN 'investigating' THEN 'open' WHEN 'upheld' THEN 'closed' WHEN 'rejected' THEN 'closed'
    WHEN 'resolved' THEN 'closed' ELSE NEW.status END;
  IF NEW.status = 'closed' AND NEW.kind = 'complaint' AND NEW.finding IS NULL THEN NEW.finding := 'not_upheld'; END IF;
  NEW.channel := CASE NEW.channel WHEN 'bank' THEN 'creditor' ELSE NEW.channel END;
  NEW.opened_on := coalesce(NEW.opened_on, (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date);
  IF NEW.team_id IS NULL THEN
    NEW.team_id := (SELECT s.team_id FROM assignments s
                     WHERE s.creditor_id = NEW.creditor_id AND s.account_id = NEW.account_id AND s.ended_at IS NULL);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER complaints_defaults BEFORE INSERT ON complaints FOR EACH ROW EXECUTE FUNCTION complaints_defaults();
CREATE INDEX complaints_account ON complaints (creditor_id, account_id);
CREATE INDEX complaints_open ON complaints (kind, team_id) WHERE status = 'open';
CREATE INDEX complaints_upheld ON complaints (creditor_id, collector_id) WHERE finding = 'upheld';
