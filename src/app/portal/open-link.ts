import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { consumeLink, insertSession } from '../../db/portal-repository.ts';
import { SESSION_TTL_MINUTES } from '../../domain/portal/access.ts';
import type { AppContext } from '../context.ts';
import { rateLimit } from './rate-limit.ts';
import { hashToken, newToken, portalActor } from './tokens.ts';

/**
 * Opens a personal link: the link is used up and a session (a fresh cookie token) starts,
 * not yet verified. An unknown, used or expired token also gets a session, one that no
 * answer can verify: both lead to the same check page, so the link itself says nothing
 * about whether it is real.
 */
export async function openPortalLink(ctx: AppContext, token: string, client: string): Promise<{ sessionToken: string }> {
  await rateLimit(ctx, ctx.pool, client, 'open');
  return inTransaction(ctx.pool, async (db) => {
    const now = ctx.now();
    const link = token.length >= 20 && token.length <= 100 ? await consumeLink(db, hashToken(token), now) : undefined;
    const sessionToken = newToken();
    await insertSession(db, { tokenHash: hashToken(sessionToken), debtorId: link?.debtor_id ?? null, linkId: link?.id ?? null,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MINUTES * 60_000) });
    if (link) {
      await appendAudit(db, portalActor(link.debtor_id), { action: 'portal.open', entity: 'portal_link', entityId: link.id, detail: { debtor_id: link.debtor_id } });
    }
    return { sessionToken };
  });
}
