/**
 * Replies debtors send to our SMS. The one that matters by construction: "stop sending me
 * messages". Chinese SMS carry "回T退订" or "回TD退订"; people also write 退订, STOP and the
 * like. A reply is an opt-out when, without spaces, punctuation and case, it is one of these
 * words (a sentence that merely contains one is not: "不要退订" is not a request to stop).
 */
// Spanish too, for US debtors who read it: ALTO, PARAR, PARE, BASTA, CANCELAR, BAJA.
const OPT_OUT_WORDS = new Set(['T', 'TD', 'N', '退订', '退', '退订短信', '取消', '取消订阅', '拒收', '停止', 'STOP', 'UNSUBSCRIBE', 'STOPALL', 'END', 'QUIT', 'CANCEL',
  'ALTO', 'PARAR', 'PARE', 'BASTA', 'CANCELAR', 'BAJA']);

export function isOptOutReply(text: string): boolean {
  const word = text.normalize('NFKC').toUpperCase().replace(/[\s\p{P}\p{S}]/gu, '');
  return OPT_OUT_WORDS.has(word);
}
