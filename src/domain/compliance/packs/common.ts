import type { Flag } from '../types.ts';

/** The holds of the "all" row of the rule table. */
export const COMMON_HOLDS: readonly Flag[] = [
  'dispute',
  'cease',
  'deceased',
  'bankrupt',
  'attorney',
  'capacity',
  'complaint_review',
  'hardship_review',
];

export const holdsCitation =
  'Leeway rule (COMPLIANCE.md, all packs): dispute, cease, deceased, bankrupt, attorney, capacity-in-doubt, complaint-under-review and hardship-under-review holds block collection contact';
export const suspensionCitation = "the agency's own policy: suspensions by region, creditor or account (区域停催)";
export const consentCitation =
  'Leeway rule (COMPLIANCE.md, all packs): a contact point must belong to the person addressed and not be opted out';
export const mandateCitation =
  "the agency's mandate (委托合同): it collects what a creditor placed with it and is still owed; a recalled (退案), paid, settled or closed account is not collected";
export const inPlanCitation =
  "DOMAIN.md (\"In plan\": contact is limited to reminders) and the creditor's approval of the plan: no collection calls or visits while an approved instalment plan runs";
