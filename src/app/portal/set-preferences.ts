import { insertHold } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { findOpenDebtorHold } from '../../db/holds-repository.ts';
import { saveDebtorEmail, savePreferences, saveTextConsent } from '../../db/portal-repository.ts';
import { maskEmail, maskPhone } from '../../domain/masking.ts';
import { checkPreferences, type PreferencesInput } from '../../domain/portal/preferences.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { recordAction } from './actions.ts';
import { asksTextConsent, callingWindow, portalOverview } from './overview.ts';

/**
 * Contact preferences, and how the compliance engine sees them:
 * - channel opt-outs -> debtors.opted_out_channels, the engine's `debtor.opt_outs` (blocks that channel);
 * - "contact my adviser" -> a debtor-wide `attorney` hold (the engine stops collection contact with
 *   the debtor; the collector sees the adviser's masked phone on the account);
 * - blank adviser fields keep the adviser on file (lifting the hold is a staff action, holds.release);
 * - preferred hours -> debtor_contact_preferences, the engine's `debtor.preferredHours`: calls and
 *   messages keep to them as well as to the pack's legal window (the hours rule);
 * - an e-mail address -> an e-mail contact point of the debtor's own (verified: they gave it), which
 *   collectors may then write to; an earlier opt-out of that address is lifted. Ticking "no e-mail"
 *   as well still stops all e-mail (the debtor-wide opt-out wins in the engine);
 * - "you may text me at" (offered under New York City's rules: asksTextConsent) -> their phones' agreement to texts,
 *   the engine's `contact_point.consented` (New York City's rules: no text without it).
 */
export async function setContactPreferences(ctx: AppContext, debtorId: number, input: PreferencesInput): Promise<{ reference: string }> {
  const overview = await portalOverview(ctx, debtorId);
  const prefs = checkPreferences(input, callingWindow(overview), { us: overview.pack_id === 'US' });
  // Only the debtor's own numbers take their agreement, whatever the form sent, and only where the portal asks for it.
  const own = new Set(overview.preferences.phones.map((p) => p.id));
  const textPhones = prefs.textPhones === null || !asksTextConsent(overview) ? null : prefs.textPhones.filter((id) => own.has(id));
  return inTransaction(ctx.pool, async (db) => {
    const adviser = prefs.adviser;
    await savePreferences(db, debtorId, { from: prefs.preferredFrom, to: prefs.preferredTo, optOuts: prefs.optOuts, at: ctx.now(),
      ...(adviser ? { adviser: { name: adviser.name, phoneEnc: ctx.cipher.encrypt(adviser.phone), phoneMask: maskPhone(adviser.phone) } } : {}) });
    const emailPoint = prefs.email === null ? null
      : await saveDebtorEmail(db, debtorId, { enc: ctx.cipher.encrypt(prefs.email), hash: ctx.cipher.matchHash(prefs.email), mask: maskEmail(prefs.email) });
    const textsChanged = textPhones === null ? [] : await saveTextConsent(db, debtorId, textPhones, ctx.now());
    let holdId: number | null = null;
    if (adviser && !(await findOpenDebtorHold(db, debtorId, 'attorney'))) {
      holdId = await insertHold(db, { debtorId, creditorId: null, accountId: null, kind: 'attorney',
        reason: `债务人（自助页面）要求通过其代理人 ${adviser.name}（${maskPhone(adviser.phone)}）联系 / Debtor asked (portal) to be contacted through their adviser ${adviser.name}, ${maskPhone(adviser.phone)}`, setBy: null,
        startsOn: businessDate(ctx), endsOn: null, at: ctx.now() });
    }
    const { reference } = await recordAction(ctx, db, { debtorId, account: null, kind: 'preferences',
      summary: [prefs.preferredFrom ? `${prefs.preferredFrom}-${prefs.preferredTo}` : null, prefs.optOuts.length ? `no ${prefs.optOuts.join('/')}` : null,
        adviser ? `adviser ${adviser.name}` : null, prefs.email ? `e-mail ${maskEmail(prefs.email)}` : null,
        textsChanged.length ? `texts to ${textPhones!.length} number(s)` : null].filter(Boolean).join('; ') || 'cleared',
      detail: { preferred_from: prefs.preferredFrom, preferred_to: prefs.preferredTo, opt_outs: prefs.optOuts, adviser: adviser !== null, attorney_hold_id: holdId,
        email_contact_point_id: emailPoint, ...(textPhones === null ? {} : { text_phones: textPhones, text_consent_changed: textsChanged }) } });
    return { reference };
  });
}
