-- An admin deletes a help article (docs/portal.md, "Help centre"). The row stays, marked, so
-- the starter articles are not written again into a site whose admin deleted them all, and
-- the audit log's entity keeps pointing at something. Saving an article under a deleted slug
-- brings the row back with the new text.
ALTER TABLE site_articles ADD COLUMN deleted_at timestamptz;
