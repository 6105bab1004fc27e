-- The phones the nightly run still has to look up (app/compliance/fill-zones.ts): numbers in
-- international form (US and UK, masked `(***) ...` or `+...`) whose zones were never looked up.
-- Every number added since 0040 has its zones (or is Chinese), so the index is empty but for the
-- numbers stored before it, and the nightly run finds them without reading every contact point.
CREATE INDEX contact_points_unzoned_phones ON contact_points (id)
  WHERE kind = 'phone' AND time_zones IS NULL AND erased_at IS NULL AND (value_mask LIKE '(***)%' OR value_mask LIKE '+%');
