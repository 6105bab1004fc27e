-- What the telephony gateway says about a call placed by click-to-call (一键外呼): `placed`
-- when it took the call, then how it ended (answered, no answer, busy, failed, phone off) and
-- how long the conversation lasted. An unanswered call's outcome is set from it; a person's
-- result, once recorded, is final (`result_recorded_at`).
ALTER TABLE contact_attempts
  ADD COLUMN call_status text CHECK (call_status IN ('placed', 'answered', 'no_answer', 'busy', 'failed', 'powered_off')),
  ADD COLUMN call_seconds integer CHECK (call_seconds >= 0),
  ADD COLUMN result_recorded_at timestamptz;
