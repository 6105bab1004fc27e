-- Delivery receipts (docs/messages.md, "Receipts"): what the SMS gateway later learnt of a
-- message it accepted. 'undelivered' with the number reported as not existing (空号) also marks
-- the contact point invalid.
ALTER TABLE outbox
  ADD COLUMN delivery       text CHECK (delivery IN ('delivered', 'undelivered')),
  ADD COLUMN delivered_at   timestamptz,
  ADD COLUMN delivery_error text;
