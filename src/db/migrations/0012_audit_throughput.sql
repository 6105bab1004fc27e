-- Audit throughput: the hash chain in 16 streams instead of one.
--
-- Until now every audited write took one global lock (pg_advisory_xact_lock(7423001)) in the
-- audit_log trigger and held it to commit, so all audited writes of the agency, whoever made
-- them, committed one at a time. Now each row joins one of 16 chains (streams): the trigger
-- locks a free stream's head row (FOR UPDATE SKIP LOCKED, starting from the backend's own
-- stream), links the row to that stream's last hash, and moves the head. Writers wait only
-- when all 16 streams are in use. Within a stream ids still follow commit order (the head is
-- locked to commit), so `leeway audit verify` walks each stream in id order; the heads also
-- record each stream's last row, so deleting the newest rows is detected too.

ALTER TABLE audit_log ADD COLUMN stream smallint NOT NULL DEFAULT 0;
CREATE INDEX audit_log_stream ON audit_log (stream, id);

CREATE TABLE audit_chain_heads (
  stream    smallint PRIMARY KEY,
  last_id   bigint,                 -- the stream's newest row (NULL: none yet)
  last_hash bytea NOT NULL          -- its hash ('\x00' before the first row)
);

-- The rows so far are stream 0.
INSERT INTO audit_chain_heads (stream, last_id, last_hash)
SELECT s,
       CASE WHEN s = 0 THEN (SELECT max(id) FROM audit_log) END,
       CASE WHEN s = 0 THEN coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '\x00'::bytea) ELSE '\x00'::bytea END
  FROM generate_series(0, 15) s;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  own smallint := pg_backend_pid() % 16;
  held text := current_setting('leeway.audit_stream', true);
  head record;
BEGIN
  IF held IS NOT NULL AND held <> '' THEN
    -- This transaction already holds a stream: keep writing to it. Taking a second one could
    -- deadlock with another transaction doing the same when all 16 are in use.
    SELECT h.stream, h.last_hash INTO head FROM audit_chain_heads h WHERE h.stream = held::smallint FOR UPDATE;
  ELSE
    -- A stream nobody else is writing to, starting from this backend's own.
    SELECT h.stream, h.last_hash INTO head FROM audit_chain_heads h
     ORDER BY (h.stream - own + 16) % 16
     LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      -- All 16 in use: wait for our own (this transaction holds none, so it cannot deadlock here).
      SELECT h.stream, h.last_hash INTO head FROM audit_chain_heads h WHERE h.stream = own FOR UPDATE;
    END IF;
    PERFORM set_config('leeway.audit_stream', head.stream::text, true);
  END IF;
  NEW.stream := head.stream;
  NEW.id := nextval('audit_log_id_seq');
  NEW.at := date_trunc('milliseconds', clock_timestamp());
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_digest(NEW);
  UPDATE audit_chain_heads SET last_id = NEW.id, last_hash = NEW.hash WHERE stream = head.stream;
  RETURN NEW;
END $$;
