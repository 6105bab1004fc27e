/**
 * The balance now (余额): the bank's last statement of it less what the debtor paid since, never
 * below zero. A settled account (结清: the debtor paid what a settlement offer or a hardship plan
 * with waived parts asked) owes nothing: what was left is waived (减免), not owed. A payment
 * reversed later reopens the account, and the balance is owed again.
 */
export function balanceNow(account: { stated_fen: number; paid_since_fen: number; status: string }): number {
  return account.status === 'settled' ? 0 : Math.max(0, account.stated_fen - account.paid_since_fen);
}

/** What a settled account's settlement left unpaid and the creditor waived (减免); null while the account is not settled. */
export function waivedOnSettlement(account: { stated_fen: number; paid_since_fen: number; status: string }): number | null {
  return account.status === 'settled' ? Math.max(0, account.stated_fen - account.paid_since_fen) : null;
}

/**
 * What the debtor paid beyond the bank's last statement of the balance (多付): a bank's file may
 * state a payment larger than what was owed, which the agency does not refuse (it happened), but
 * the excess is money to give back, not a recovery; 0 when nothing is overpaid.
 */
export function overpaidBy(account: { stated_fen: number; paid_since_fen: number }): number {
  return Math.max(0, account.paid_since_fen - account.stated_fen);
}
