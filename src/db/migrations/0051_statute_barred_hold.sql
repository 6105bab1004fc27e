-- A UK customer who says their debt is statute-barred (诉讼时效已过) is not asked to pay it again
-- (CONC 7.15): recorded as a hold of its own kind, which the UK pack's `statute_barred` rule reads.
ALTER TABLE holds DROP CONSTRAINT holds_kind_check;
ALTER TABLE holds ADD CONSTRAINT holds_kind_check CHECK (kind IN ('dispute', 'cease', 'deceased', 'bankrupt', 'attorney',
  'capacity', 'complaint_review', 'hardship_review', 'breathing_space', 'mental_health_crisis', 'plan_pending',
  'plan_pending_extended', 'vulnerable', 'statute_barred'));
