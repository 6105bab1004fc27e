-- The agency's compliance officer's word on each rule or text the product marks U (not yet
-- verified against the official text): confirmed, or questioned, with what was checked. One row
-- per item, the latest word; every change is audited (`compliance.confirmation`). `reading` keeps
-- the open question as it stood when confirmed: a later release that changes it asks again.
CREATE TABLE compliance_confirmations (
  item         text PRIMARY KEY CHECK (length(item) BETWEEN 3 AND 80),
  status       text NOT NULL CHECK (status IN ('confirmed', 'questioned')),
  note         text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  reading      text NOT NULL,
  decided_by   bigint REFERENCES users (id),
  decided_by_name text NOT NULL,
  decided_at   timestamptz NOT NULL
);
