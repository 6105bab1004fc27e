import { chineseAgencyName } from '../site/read-site.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findAccountInScope } from '../../db/accounts-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertOutbox } from '../../db/outbox-repository.ts';
import { accountPackAndLanguage, findDebtorPhone, insertLink } from '../../db/portal-repository.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { readsSpanish } from '../../domain/language.ts';
import { LINK_TTL_DAYS } from '../../domain/portal/access.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import type { Actor, AppContext } from '../context.ts';
import { hashToken, newToken } from './tokens.ts';
import { portalLinkSms } from '../../domain/strategy/index.ts';

export interface IssuedLink {
  /** The path to append to the site's address; shown once, never stored. */
  path: string;
  expires_at: string;
  /** The SMS queued in the outbox, when the compliance engine allowed it now. */
  sms: { outbox_id: number; to: string } | null;
  decision: Decision | null;
}

/**
 * A personal portal link for the debtor of an account: a single-use 256-bit token (only its
 * hash is stored) that expires after LINK_TTL_DAYS. With `sms`, the link goes to the debtor's
 * own phone through the outbox, if the compliance engine allows a notice by SMS now; the text
 * says nothing about the debt, so a third party reading it learns nothing (in Spanish for a US debtor who
 * reads it, as their link opens the portal). Letters print `path`.
 */
export async function issuePortalLink(ctx: AppContext, actor: Actor, accountId: number, input: { sms: boolean; baseUrl?: string }): Promise<IssuedLink> {
  authorize(actor, 'portal.invite');
  return inTransaction(ctx.pool, async (client) => {
    const account = await findAccountInScope(client, accountScope(actor), accountId);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
    const token = newToken();
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + LINK_TTL_DAYS * 86_400_000);
    const linkId = await insertLink(client, { tokenHash: hashToken(token), debtorId: account.debtor_id, accountId, createdBy: actor.userId, expiresAt });
    // A debtor who reads Spanish, under a US contract, opens the portal in Spanish, and any other US or
    // UK debtor in English, whatever their browser prefers (the link says so, whether or not it is
    // still good, so the page's language tells nothing about the link); a Chinese debtor's browser decides.
    const { pack, language } = await accountPackAndLanguage(client, accountId, businessDate(ctx));
    const path = `/my/open/${token}${readsSpanish(pack, language) ? '?lang=es' : pack === 'US' || pack === 'UK' ? '?lang=en' : ''}`;
    let sms: IssuedLink['sms'] = null;
    let decision: Decision | null = null;
    if (input.sms) {
      const phone = await findDebtorPhone(client, account.debtor_id);
      if (!phone) throw new AppError('CONFLICT', {
        en: 'The debtor has no own phone that takes SMS; print the link in a letter instead',
        zh: '债务人没有可接收短信的本人手机号，请改为把链接打印在信函中',
      }, { field: 'sms' });
      const state = await contactStateFor(ctx, client, accountId, now, { contactPointId: phone.id });
      decision = evaluateContact(situationFromState(state, { channel: 'sms', party: 'debtor', purpose: 'notice', contactPointId: phone.id, at: now }));
      if (decision.allowed) {
        const body = portalLinkSms(`${input.baseUrl ?? ''}${path}`, LINK_TTL_DAYS, state.contract?.pack, language, await chineseAgencyName(ctx));
        // Judged again when it is sent; a link SMS not sent within a day is not sent.
        const outboxId = await insertOutbox(client, { creditorId: account.creditor_id, accountId, contactPointId: phone.id, channel: 'sms', purpose: 'notice',
          toEnc: phone.value_enc, toMask: phone.value_mask, body, decision, sendAfter: null, expiresAt: new Date(now.getTime() + 86_400_000), createdAt: now });
        sms = { outbox_id: outboxId, to: phone.value_mask };
      }
    }
    await appendAudit(client, actor, { action: 'portal.link', entity: 'portal_link', entityId: linkId, creditorId: account.creditor_id,
      detail: { account_id: accountId, debtor_id: account.debtor_id, expires_at: expiresAt.toISOString(), sms: sms?.outbox_id ?? null,
        sms_allowed: decision?.allowed ?? null } });
    return { path, expires_at: expiresAt.toISOString(), sms, decision };
  });
}
