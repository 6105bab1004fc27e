-- Why an account was handed to the supervisor queue, as a code (reason_code) that each screen
-- words in its reader's language. Until now `reason` held the words of the collector's screen
-- ("Abusive call", or 辱骂电话 in Chinese), so a supervisor reading in the other language saw
-- the collector's. `reason` now holds only what a person wrote (through the API), if anything.
-- Every hand-off so far was made after an abusive call (the only way to make one).
ALTER TABLE handoffs ADD COLUMN reason_code text NOT NULL DEFAULT 'abusive' CHECK (reason_code IN ('abusive'));
ALTER TABLE handoffs ALTER COLUMN reason_code DROP DEFAULT;
ALTER TABLE handoffs ALTER COLUMN reason DROP NOT NULL;
-- The screen's words say no more than the code: dropped, so they are not shown twice.
UPDATE handoffs SET reason = NULL WHERE reason IN ('Abusive call', '辱骂电话');
