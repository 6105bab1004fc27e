-- The agency's collection licences (催收执照) where a licence number must be on what it writes to
-- a debtor: a US state's (`US-CO`) or New York City's (`US-NY-NYC`, the Department of Consumer and
-- Worker Protection's). Validation notices, verification letters, collection letters and e-mails
-- to a debtor there carry the number (src/domain/licences.ts); one row per jurisdiction, changed by
-- an admin and audited (`agency.licence`).
CREATE TABLE agency_licences (
  jurisdiction text PRIMARY KEY CHECK (jurisdiction ~ '^US-[A-Z]{2}(-NYC)?$'),
  licence_no   text NOT NULL CHECK (length(licence_no) BETWEEN 1 AND 40),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
