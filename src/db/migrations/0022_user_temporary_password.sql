-- A password an admin set (a new account's, or a reset) until its user sets their own: the
-- screens ask them to change it (docs: README "Staff accounts and passwords").
ALTER TABLE users ADD COLUMN password_temporary boolean NOT NULL DEFAULT false;
