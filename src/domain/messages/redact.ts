/**
 * A message's text as staff may read it: what lets whoever holds it act as the debtor is hidden
 * (the portal link's token, the one-time code, the e-mail opt-out link's token). The message
 * itself goes out whole; the outbox screen shows this.
 */
const HIDDEN = '••••••';
const SECRETS: ReadonlyArray<[RegExp, string]> = [
  [/\/my\/(open|unsubscribe)\/[A-Za-z0-9_~.%-]+/g, `/my/$1/${HIDDEN}`],
  [/(验证码 ?|Your code: ?|Su código: ?)\d{4,8}/g, `$1${HIDDEN}`],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRETS) out = out.replace(pattern, replacement);
  return out;
}
