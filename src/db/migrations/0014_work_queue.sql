-- The collector's queue, kept in order (docs/workstation.md, "The queue").
--
-- "Next account" used to order every account a collector holds on every request; with a few
-- thousand accounts that was most of the request's cost. Now each collector's active
-- accounts are written once, in queue order, to work_queue, and a request reads from the
-- top, probing each row for what can change during the day (status, claims, hand-offs, the
-- rest period after a contact) until it has enough candidates.
--
-- The order is rebuilt for one collector, on their next request, after anything that
-- changes which accounts they hold or how they rank: an assignment opened or ended (deal,
-- move, offboarding), a strategy run writing new priorities, or an account becoming active
-- again (a broken promise, a defaulted plan, a lapsed settlement). The triggers below only
-- mark the collector's queue stale (one row per collector, whatever the size of the change),
-- so a deal of 100,000 accounts pays for ~200 small upserts, not 100,000 queue rows. Balances
-- that change during the day move an account within its priority at the next rebuild.
CREATE TABLE work_queue (
  collector_id bigint NOT NULL,
  position     integer NOT NULL,
  account_id   bigint NOT NULL,
  creditor_id  bigint NOT NULL,
  PRIMARY KEY (collector_id, position)
);

-- One row per collector whose queue has been built or invalidated; no row = never built.
CREATE TABLE work_queue_state (
  collector_id bigint PRIMARY KEY,
  stale        boolean NOT NULL DEFAULT true,
  built_at     timestamptz,
  accounts     integer NOT NULL DEFAULT 0
);

-- Marks the queues of the given collectors stale. In collector order, so two transactions
-- marking overlapping sets take the row locks in the same order.
CREATE FUNCTION work_queue_invalidate(collectors bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO work_queue_state (collector_id, stale)
  SELECT DISTINCT c, true FROM unnest(collectors) c WHERE c IS NOT NULL ORDER BY c
  ON CONFLICT (collector_id) DO UPDATE SET stale = true WHERE NOT work_queue_state.stale
$$;

CREATE FUNCTION work_queue_assignments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM work_queue_invalidate(ARRAY(SELECT DISTINCT collector_id FROM new_rows WHERE ended_at IS NULL));
  RETURN NULL;
END $$;

CREATE FUNCTION work_queue_assignments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Both the old and the new holder of a row whose end or holder changed.
  PERFORM work_queue_invalidate(ARRAY(
    SELECT unnest(ARRAY[o.collector_id, n.collector_id]) FROM old_rows o JOIN new_rows n ON n.creditor_id = o.creditor_id AND n.id = o.id
     WHERE o.ended_at IS DISTINCT FROM n.ended_at OR o.collector_id <> n.collector_id));
  RETURN NULL;
END $$;

CREATE FUNCTION work_queue_assignments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM work_queue_invalidate(ARRAY(SELECT DISTINCT collector_id FROM old_rows WHERE ended_at IS NULL));
  RETURN NULL;
END $$;

CREATE TRIGGER work_queue_assignments_inserted AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_queue_assignments_inserted();
CREATE TRIGGER work_queue_assignments_changed AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_queue_assignments_changed();
CREATE TRIGGER work_queue_assignments_deleted AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_queue_assignments_deleted();

-- New (or removed) priorities: every queue is rebuilt on its next request.
CREATE FUNCTION work_queue_strategy_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE work_queue_state SET stale = true WHERE NOT stale;
  RETURN NULL;
END $$;
CREATE TRIGGER work_queue_strategy_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_strategy
  FOR EACH STATEMENT EXECUTE FUNCTION work_queue_strategy_written();

-- An account that becomes active again joins its owner's queue. Only those rows call the
-- function (the WHEN is checked without it); a deal's placed -> active is covered by the
-- assignment it opens.
CREATE FUNCTION work_queue_account_reactivated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM work_queue_invalidate(ARRAY(SELECT collector_id FROM assignments
    WHERE creditor_id = NEW.creditor_id AND account_id = NEW.id AND ended_at IS NULL));
  RETURN NULL;
END $$;
CREATE TRIGGER work_queue_account_reactivated AFTER UPDATE OF status ON accounts
  FOR EACH ROW WHEN (NEW.status = 'active' AND OLD.status IS DISTINCT FROM 'active' AND OLD.status <> 'placed')
  EXECUTE FUNCTION work_queue_account_reactivated();

-- The rest period after a contact (REST_MINUTES in next-account.ts) is read from the claim
-- row the walk probes anyway: the newest contact attempt on the account, kept by a
-- statement-level trigger. A probe into contact_attempts instead was cheap only while the
-- planner's picture of that table was current.
ALTER TABLE work_claims ADD COLUMN last_contact_at timestamptz;
INSERT INTO work_claims (account_id, last_contact_at)
SELECT account_id, max(at) FROM contact_attempts GROUP BY account_id
ON CONFLICT (account_id) DO UPDATE SET last_contact_at = EXCLUDED.last_contact_at;

CREATE FUNCTION work_claims_contacted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_claims (account_id, last_contact_at)
  SELECT account_id, max(at) FROM new_rows GROUP BY account_id ORDER BY account_id
  ON CONFLICT (account_id) DO UPDATE SET last_contact_at = EXCLUDED.last_contact_at
    WHERE work_claims.last_contact_at IS NULL OR work_claims.last_contact_at < EXCLUDED.last_contact_at;
  RETURN NULL;
END $$;
CREATE TRIGGER work_claims_contacted AFTER INSERT ON contact_attempts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_claims_contacted();

-- Bulk loads that run with session_replication_role = replica still keep the queues right.
ALTER TABLE assignments ENABLE ALWAYS TRIGGER work_queue_assignments_inserted;
ALTER TABLE assignments ENABLE ALWAYS TRIGGER work_queue_assignments_changed;
ALTER TABLE assignments ENABLE ALWAYS TRIGGER work_queue_assignments_deleted;
ALTER TABLE account_strategy ENABLE ALWAYS TRIGGER work_queue_strategy_written;
ALTER TABLE accounts ENABLE ALWAYS TRIGGER work_queue_account_reactivated;
ALTER TABLE contact_attempts ENABLE ALWAYS TRIGGER work_claims_contacted;
