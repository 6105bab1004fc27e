/** The example contract (docs/money.md), for the money tests. */
export const CONTRACT = {
  creditor: 'BANK1', name: 'Bank One', pack: 'CN', placement_days: 90,
  commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M4', to: 'M6', rate_bp: 1500 }, { from: 'M7+', rate_bp: 2500 }] },
  allocation_order: ['fees', 'interest', 'principal'],
  promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10,
  waiver_limits: { collector: { interest_bp: 1000 }, supervisor: { fees_bp: 10000, interest_bp: 10000 } },
};
