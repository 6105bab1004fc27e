-- E-mail as a channel (docs/messages.md, "E-mail"): a message's subject, and the link that opts
-- its address out of e-mail (12 CFR 1006.6(e)), carried in the List-Unsubscribe header too.
ALTER TABLE outbox
  ADD COLUMN subject         text,
  ADD COLUMN unsubscribe_url text,
  ADD CONSTRAINT outbox_email_subject CHECK (channel <> 'email' OR (subject IS NOT NULL AND unsubscribe_url IS NOT NULL));
