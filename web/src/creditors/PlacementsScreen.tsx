import { useTranslation } from 'react-i18next';
import { teamBanksFirst } from '../lib/team-banks.ts';
import type { User } from '../lib/types.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { fetchCreditors } from './api.ts';
import { PlacementsPanel } from './PlacementsPanel.tsx';

/**
 * 委案批次 / Placements: each bank's batches with their terms (admins and team leads pick the
 * bank; a bank's own users see theirs). The bank decides on a longer term (延期) or on keeping
 * accounts past it (留案): its users do it here for their own, admins record it for any bank.
 * The team's own banks are listed first, so a team lead opens on theirs.
 */
export function PlacementsScreen({ user, onSessionExpired }: { user: User; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const own = user.role === 'creditor_user';
  const creditors = useLoad((signal) => own ? Promise.resolve(null) : fetchCreditors(signal), onSessionExpired, [own]);
  const list = own ? (user.creditor_code ? [{ code: user.creditor_code, name: '', name_en: null }] : [])
    : creditors.state.kind === 'ready' ? teamBanksFirst(creditors.state.data!.items) : null;
  return (
    <section className="us-screen" aria-labelledby="pl-title" data-testid="placements-screen">
      <div className="screen-head"><h1 id="pl-title">{t('nav.placements')}</h1></div>
      {creditors.state.kind === 'error' ? <p className="banner banner--error" role="alert">{creditors.state.message}</p> : null}
      {list === null ? <p role="status">{t('app.loading')}</p>
        : list.length === 0 ? <p className="muted">{t('creditors.empty')}</p>
        : <PlacementsPanel creditors={list} mayExtend={user.role === 'admin' || own} bank={own} onSessionExpired={onSessionExpired} />}
    </section>
  );
}
