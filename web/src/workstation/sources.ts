/** Where a contact point came from, in the reader's words: a placement file (its batch), a skip trace (its vendor), the debtor, the bank. */
export function sourceWords(source: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const m = /^(placement|skip_trace|debtor|creditor)(?::(.+))?$/.exec(source);
  if (!m) return source;
  const words = t(`workstation.points.sources.${m[1]}`);
  return m[2] === undefined ? words : m[1] === 'placement' ? t('workstation.points.sources.placementBatch', { batch: m[2] })
    : t('workstation.points.sources.named', { source: words, name: m[2] });
}
