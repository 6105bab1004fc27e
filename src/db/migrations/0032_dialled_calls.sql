-- Click-to-call (一键外呼): a call placed through the telephony gateway is recorded as an
-- attempt with the outcome `dialed` before it leaves, and the collector records its result on
-- that same attempt afterwards. The contact report (counted when attempts are inserted) moves
-- such an attempt from its old outcome to its new one.
CREATE FUNCTION report_contacts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_contacts SET attempts = attempts - 1
   WHERE creditor_id = OLD.creditor_id AND day = (OLD.at AT TIME ZONE agency_zone())::date
     AND collector_id = coalesce(OLD.collector_id, 0) AND outcome = OLD.outcome AND initiated_by = OLD.initiated_by;
  INSERT INTO report_contacts AS r (creditor_id, day, collector_id, outcome, initiated_by, attempts)
  VALUES (NEW.creditor_id, (NEW.at AT TIME ZONE agency_zone())::date, coalesce(NEW.collector_id, 0), NEW.outcome, NEW.initiated_by, 1)
  ON CONFLICT (creditor_id, day, collector_id, outcome, initiated_by) DO UPDATE SET attempts = r.attempts + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER report_contacts_outcome AFTER UPDATE OF outcome ON contact_attempts FOR EACH ROW
  WHEN (OLD.outcome IS DISTINCT FROM NEW.outcome) EXECUTE FUNCTION report_contacts_move();

-- A collector's call whose result is not recorded yet (one at a time: after-call work first).
CREATE INDEX contact_attempts_dialled ON contact_attempts (collector_id) WHERE outcome = 'dialed';
