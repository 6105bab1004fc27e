-- Territories, assignment (分案) and turnover (docs/assignment.md).

-- What opened an assignment row: dealt by territory, moved by hand (调案), or carried at a
-- collector's offboarding (转单). Rows written before this migration keep NULL.
ALTER TABLE assignments ADD COLUMN kind text CHECK (kind IN ('deal', 'move', 'offboard'));
-- Who ended a row (the actor of the move that replaced it).
ALTER TABLE assignments ADD COLUMN ended_by bigint REFERENCES users (id);
-- The account's history, in order.
CREATE INDEX assignments_account ON assignments (creditor_id, account_id, assigned_at);

-- Who follows an open promise up now. taken_by stays as history (who took it); owner_id
-- follows the account when it moves. Writers that do not say: the account's current owner,
-- else whoever took the promise.
ALTER TABLE promises ADD COLUMN owner_id bigint REFERENCES users (id);
UPDATE promises p SET owner_id = coalesce(
  (SELECT s.collector_id FROM assignments s WHERE s.creditor_id = p.creditor_id AND s.account_id = p.account_id AND s.ended_at IS NULL),
  p.taken_by);
CREATE FUNCTION promises_default_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_id IS NULL THEN
    NEW.owner_id := coalesce(
      (SELECT s.collector_id FROM assignments s
        WHERE s.creditor_id = NEW.creditor_id AND s.account_id = NEW.account_id AND s.ended_at IS NULL),
      NEW.taken_by);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER promises_default_owner BEFORE INSERT ON promises FOR EACH ROW EXECUTE FUNCTION promises_default_owner();
CREATE INDEX promises_open_account ON promises (creditor_id, account_id) WHERE status = 'open';

-- The credit window: when an account moves away from the collector who took its open
-- promise, payments on that account from the day the promise was taken up to credit_until
-- (inclusive, business dates) keep counting for that collector. One row per handover.
CREATE TABLE promise_credits (
  creditor_id   bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  promise_id    bigint NOT NULL,
  account_id    bigint NOT NULL,
  collector_id  bigint NOT NULL REFERENCES users (id),
  taken_on      date NOT NULL,
  credit_until  date NOT NULL,
  assignment_id bigint NOT NULL,             -- the assignment row that took the account away
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creditor_id, id),
  FOREIGN KEY (creditor_id, promise_id) REFERENCES promises (creditor_id, id),
  FOREIGN KEY (creditor_id, account_id) REFERENCES accounts (creditor_id, id),
  FOREIGN KEY (creditor_id, assignment_id) REFERENCES assignments (creditor_id, id),
  CHECK (credit_until >= taken_on)
);
CREATE INDEX promise_credits_account ON promise_credits (creditor_id, account_id, credit_until);

CREATE INDEX territories_team ON territories (team_id);
-- Accounts waiting to be dealt.
CREATE INDEX accounts_placed ON accounts (creditor_id, id) WHERE status = 'placed';
