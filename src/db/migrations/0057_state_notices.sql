-- Notices a state or New York City asks for in the first written communication that the product
-- does not write itself, as the agency's compliance officer recorded them (src/domain/state-notices.ts):
-- printed on the back of a validation notice to a debtor there. One per jurisdiction; changes audited
-- (`agency.state_notice`).
CREATE TABLE state_notices (
  jurisdiction text PRIMARY KEY CHECK (jurisdiction ~ '^US-[A-Z]{2}(-NYC)?$'),
  text_en      text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 3000),
  text_es      text CHECK (text_es IS NULL OR length(text_es) BETWEEN 1 AND 3000),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
