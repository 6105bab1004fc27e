/** A hand-off to the supervisor queue as the server gives it: why, as a code, and the collector's own words, if any. */
export interface HandoffReason { reason_code: string; reason: string | null }

/**
 * Why an account was handed to the supervisor queue, in the reader's language: the supervisor
 * may read in another language than the collector who handed it off. What a person wrote is
 * given as it is.
 */
export function handoffReasonWords(handoff: HandoffReason, t: (key: string, options?: Record<string, unknown>) => string): string {
  const reason = t(`workstation.handoffReasons.${handoff.reason_code}`, { defaultValue: handoff.reason_code });
  return handoff.reason === null ? reason : t('workstation.handoffReasonWritten', { reason, words: handoff.reason });
}
