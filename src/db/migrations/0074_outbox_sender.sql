-- Who queued a message and from which template: the contact it becomes is the collector's, named
-- as the template, not "system, outbox #N" (a nightly reminder keeps no sender: the run's).
ALTER TABLE outbox
  ADD COLUMN queued_by bigint REFERENCES users (id),
  ADD COLUMN template  text;
