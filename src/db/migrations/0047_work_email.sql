-- An e-mail address the debtor's employer gave them (a work address): no e-mail to it unless the
-- debtor asked us to use it, in the portal or to a collector (12 CFR 1006.22(f)(3);
-- docs/compliance.md, US.work_email).
ALTER TABLE contact_points
  ADD COLUMN employer_provided boolean NOT NULL DEFAULT false,
  ADD COLUMN debtor_consented  boolean NOT NULL DEFAULT false;
