-- A gateway's delivery receipt names the message by the gateway's own id (provider_ref), which
-- it answered when it accepted the message; receipts look it up here.
CREATE INDEX outbox_provider_ref ON outbox (provider_ref) WHERE provider_ref IS NOT NULL;
