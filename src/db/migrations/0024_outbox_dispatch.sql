-- Message dispatch (docs/messages.md): the outbox's messages are sent by a dispatcher that asks
-- the compliance engine again at the moment of sending. Each message now says whom it is for
-- (the contact point), why (collect or notice), when it may go (send_after) and until when it
-- is worth sending (expires_at); the dispatcher records what it decided and what the channel
-- answered.
ALTER TABLE outbox
  ADD COLUMN contact_point_id   bigint REFERENCES contact_points (id),
  ADD COLUMN purpose            text NOT NULL DEFAULT 'notice' CHECK (purpose IN ('collect', 'location', 'notice')),
  ADD COLUMN send_after         timestamptz,
  ADD COLUMN expires_at         timestamptz,
  ADD COLUMN claimed_at         timestamptz,
  -- The engine's decision at sending time (the one at queueing time stays in decision).
  ADD COLUMN dispatch_decision  jsonb,
  ADD COLUMN contact_attempt_id bigint,
  ADD COLUMN adapter            text,
  ADD COLUMN provider_ref       text,
  ADD COLUMN sent_at            timestamptz,
  ADD COLUMN error              text;

-- 'sending': claimed by a dispatcher; a message that stays so (the process stopped while
-- sending) is never sent again without a person looking (at most once). 'expired': its time
-- passed before it could go.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'));

-- Messages queued before this: reminders were for an account (collect), links and codes
-- notices; none of them is worth sending a day late.
UPDATE outbox SET purpose = 'collect' WHERE account_id IS NOT NULL AND body NOT LIKE '%个人服务链接%';
UPDATE outbox SET expires_at = created_at + interval '1 day' WHERE status = 'queued';

CREATE INDEX outbox_due ON outbox (id) WHERE status = 'queued';
CREATE INDEX outbox_status ON outbox (status, id);

-- A queued message wakes the dispatcher at once (delivered at commit): codes the debtor is
-- waiting for go in seconds, not at the next minute.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('leeway_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_queued AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
