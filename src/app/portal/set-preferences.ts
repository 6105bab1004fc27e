import { insertHold } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { findOpenDebtorHold, savePreferences } from '../../db/portal-repository.ts';
import { maskPhone } from '../../domain/masking.ts';
import { checkPreferences, type PreferencesInput } from '../../domain/portal/preferences.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { recordAction } from './actions.ts';
import { callingWindow, portalOverview } from './overview.ts';

/**
 * Contact preferences, and how the compliance engine sees them:
 * - channel opt-outs -> debtors.opted_out_channels, the engine's `debtor.opt_outs` (blocks that channel);
 * - "contact my adviser" -> a debtor-wide `attorney` hold (the engine stops collection contact with
 *   the debtor; the collector sees the adviser's masked phone on the account);
 * - blank adviser fields keep the adviser on file (lifting the hold is a staff action, holds.release);
 * - preferred hours -> debtor_contact_preferences, the engine's `debtor.preferredHours`: calls and
 *   messages keep to them as well as to the pack's legal window (the hours rule).
 */
export async function setContactPreferences(ctx: AppContext, debtorId: number, input: PreferencesInput): Promise<{ reference: string }> {
  const window = callingWindow(await portalOverview(ctx, debtorId));
  const prefs = checkPreferences(input, window);
  return inTransaction(ctx.pool, async (db) => {
    const adviser = prefs.adviser;
    await savePreferences(db, debtorId, { from: prefs.preferredFrom, to: prefs.preferredTo, optOuts: prefs.optOuts, at: ctx.now(),
      ...(adviser ? { adviser: { name: adviser.name, phoneEnc: ctx.cipher.encrypt(adviser.phone), phoneMask: maskPhone(adviser.phone) } } : {}) });
    let holdId: number | null = null;
    if (adviser && !(await findOpenDebtorHold(db, debtorId, 'attorney'))) {
      holdId = await insertHold(db, { debtorId, creditorId: null, accountId: null, kind: 'attorney',
        reason: `Debtor asked (portal) to be contacted through their adviser ${adviser.name}, ${maskPhone(adviser.phone)}`, setBy: null,
        startsOn: businessDate(ctx), endsOn: null });
    }
    const { reference } = await recordAction(ctx, db, { debtorId, account: null, kind: 'preferences',
      summary: [prefs.preferredFrom ? `${prefs.preferredFrom}-${prefs.preferredTo}` : null, prefs.optOuts.length ? `no ${prefs.optOuts.join('/')}` : null,
        adviser ? `adviser ${adviser.name}` : null].filter(Boolean).join('; ') || 'cleared',
      detail: { preferred_from: prefs.preferredFrom, preferred_to: prefs.preferredTo, opt_outs: prefs.optOuts, adviser: adviser !== null, attorney_hold_id: holdId } });
    return { reference };
  });
}
