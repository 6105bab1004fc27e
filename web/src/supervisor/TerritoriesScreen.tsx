import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../lib/types.ts';
import { creditorName, regionName } from '../lib/bilingual.ts';
import {
  dealAccounts, fetchDashboard, fetchTeamAccounts, fetchTerritories, moveAccounts, putTerritory, removeTerritory, type DealResult, type MoveResult,
  type Territory,
} from './api.ts';
import { fetchCreditors, fetchTeams } from '../users/api.ts';
import { formatCount, formatMoney } from './format.ts';
import { Pager } from '../accounts/Pager.tsx';
import { useAction } from './useAction.ts';
import { useLoad } from './useLoad.ts';

function Problem({ text }: { text: string | null }) {
  return text === null ? null : <p className="banner banner--error" role="alert">{text}</p>;
}

function TerritoryForm({ onSaved, onSessionExpired }: { onSaved(): void; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const [creditor, setCreditor] = useState('');
  const [prefix, setPrefix] = useState('');
  const [team, setTeam] = useState('');
  const action = useAction(onSessionExpired);
  // The creditors and teams to choose from, by name (never an id to copy from the table).
  const creditors = useLoad((signal) => fetchCreditors(signal), onSessionExpired);
  const teams = useLoad((signal) => fetchTeams(signal), onSessionExpired);
  return (
    <form className="sv-form" noValidate data-testid="territory-form" onSubmit={(e) => {
      e.preventDefault();
      if (creditor.trim() === '' || !/^(\d{2,6}|US-[A-Z]{2}|\*)$/i.test(prefix.trim()) || !/^[1-9]\d*$/.test(team)) { action.setProblem(t('supervisor.territories.invalid')); return; }
      void action.run(() => putTerritory(creditor.trim(), prefix, Number(team))).then((r) => { if (r !== undefined) onSaved(); });
    }}>
      <h2>{t('supervisor.territories.setTitle')}</h2>
      <label>{t('supervisor.territories.creditor')}
        <select value={creditor} onChange={(e) => setCreditor(e.target.value)}>
          <option value="">—</option>
          {creditors.state.kind === 'ready' ? creditors.state.data.items.map((c) => <option key={c.code} value={c.code}>{creditorName(c, i18n.language)} ({c.code})</option>) : null}
        </select>
      </label>
      <label>{t('supervisor.territories.prefix')}<input type="text" value={prefix} onChange={(e) => setPrefix(e.target.value)} /></label>
      <label>{t('supervisor.territories.teamId')}
        <select value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">—</option>
          {teams.state.kind === 'ready' ? teams.state.data.items.map((x) => <option key={x.id} value={x.id}>{x.name}</option>) : null}
        </select>
      </label>
      <Problem text={action.problem} />
      <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('supervisor.save')}</button></div>
    </form>
  );
}

function DealForm({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [creditor, setCreditor] = useState('');
  const [rebalance, setRebalance] = useState(false);
  const [result, setResult] = useState<(DealResult & { rebalance: boolean }) | null>(null);
  const action = useAction(onSessionExpired);
  return (
    <form className="sv-form" noValidate data-testid="deal-form" onSubmit={(e) => {
      e.preventDefault();
      void action.run(() => dealAccounts(creditor, rebalance)).then((r) => setResult(r ? { ...r, rebalance } : null));
    }}>
      <h2>{t('supervisor.territories.dealTitle')}</h2>
      <p className="muted">{t('supervisor.territories.dealIntro')}</p>
      <label>{t('supervisor.territories.creditorOptional')}<input type="text" value={creditor} onChange={(e) => setCreditor(e.target.value)} /></label>
      <label className="sv-inline"><input type="checkbox" checked={rebalance} onChange={(e) => setRebalance(e.target.checked)} />
        {t('supervisor.territories.rebalance')}</label>
      <Problem text={action.problem} />
      {result !== null ? (
        <p role="status" data-testid="deal-result">{t(result.rebalance ? 'supervisor.territories.rebalanced' : 'supervisor.territories.dealt', {
          dealt: formatCount(result.dealt), kept: formatCount(result.kept), moved: formatCount(result.moved),
          noTerritory: formatCount(result.no_territory), noCollector: formatCount(result.no_collector) })}</p>
      ) : null}
      <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('supervisor.territories.deal')}</button></div>
    </form>
  );
}

/** How many of the team's accounts the move list shows at a time (the pager offers the accounts list's sizes). */
const MOVE_PAGE = 50;

function MoveForm({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // What the list shows: the search sent, whose accounts ('' anyone's, a user id, 'none'), and the page.
  const [shown, setShown] = useState({ q: '', collector: '', limit: MOVE_PAGE, offset: 0 });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [toUser, setToUser] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<MoveResult | null>(null);
  const accounts = useLoad((signal) => fetchTeamAccounts(shown, signal), onSessionExpired, [shown]);
  const collectors = useLoad((signal) => fetchDashboard(null, undefined, signal), onSessionExpired);
  const action = useAction(onSessionExpired);
  const toggle = (id: number) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const onPage = accounts.state.kind === 'ready' ? accounts.state.data.items.map((a) => a.id) : [];
  const allOnPage = onPage.length > 0 && onPage.every((id) => selected.has(id));
  // The whole page at once (a collector's accounts moved to another): selected, or let go, together.
  const togglePage = () => setSelected((s) => { const n = new Set(s); for (const id of onPage) { if (allOnPage) n.delete(id); else n.add(id); } return n; });
  const active = collectors.state.kind === 'ready' ? collectors.state.data.collectors.filter((c) => c.active) : [];
  return (
    <section className="sv-form sv-move" data-testid="move-form" aria-labelledby="sv-move-title">
      <h2 id="sv-move-title">{t('supervisor.territories.moveTitle')}</h2>
      <form className="sv-inline" role="search" onSubmit={(e) => { e.preventDefault(); setShown((s) => ({ ...s, q, offset: 0 })); }}>
        <label className="sv-inline">{t('accounts.searchLabel')}<input type="text" value={q} onChange={(e) => setQ(e.target.value)} /></label>
        <label className="sv-inline">{t('supervisor.territories.heldBy')}
          <select value={shown.collector} onChange={(e) => { const collector = e.target.value; setShown((s) => ({ ...s, collector, offset: 0 })); }}>
            <option value="">{t('supervisor.territories.heldByAnyone')}</option>
            {active.map((c) => <option key={c.user_id} value={String(c.user_id)}>{`${c.display_name} (${c.username})`}</option>)}
            <option value="none">{t('supervisor.territories.heldByNoOne')}</option>
          </select>
        </label>
        <button type="submit" className="button button--quiet">{t('accounts.searchSubmit')}</button>
      </form>
      {accounts.state.kind === 'error' ? <Problem text={accounts.state.message} /> : null}
      {accounts.state.kind === 'ready' ? (
        <>
          <div className="table-scroll sv-pick" tabIndex={0} role="region" aria-label={t('supervisor.territories.pickAccounts')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('supervisor.territories.pickAccounts')}</caption>
              <thead><tr>
                <th scope="col"><input type="checkbox" checked={allOnPage} disabled={onPage.length === 0} onChange={togglePage}
                  aria-label={t('supervisor.territories.selectPage', { count: onPage.length })} /></th>
                <th scope="col">{t('accounts.columns.creditor')}</th><th scope="col">{t('accounts.columns.accountNo')}</th>
                <th scope="col">{t('accounts.columns.debtor')}</th><th scope="col" className="num">{t('accounts.columns.balance')}</th>
                <th scope="col">{t('accounts.columns.collector')}</th>
              </tr></thead>
              <tbody>
                {accounts.state.data.items.map((a) => (
                  <tr key={a.id}>
                    <td><input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id)}
                      aria-label={t('supervisor.territories.selectAccount', { no: a.account_no_mask, name: a.debtor_name })} /></td>
                    <td className="cell-short">{a.creditor_code}</td><td className="mono">{a.account_no_mask}</td><td className="cell-short">{a.debtor_name}</td>
                    <td className="num">{formatMoney(a.balance_fen, a.currency)}</td><td className="cell-short">{a.collector_name ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={accounts.state.data.total} limit={shown.limit} offset={shown.offset}
            onPage={(offset) => setShown((s) => ({ ...s, offset }))} onPageSize={(limit) => setShown((s) => ({ ...s, limit, offset: 0 }))} />
        </>
      ) : null}
      <form noValidate className="sv-form sv-form--plain" onSubmit={(e) => {
        e.preventDefault();
        if (selected.size === 0) { action.setProblem(t('supervisor.territories.pickSome')); return; }
        if (toUser === '') { action.setProblem(t('supervisor.offboard.pickReceiver')); return; }
        if (reason.trim().length < 2) { action.setProblem(t('supervisor.territories.reasonRequired')); return; }
        void action.run(() => moveAccounts([...selected], Number(toUser), reason.trim())).then((r) => {
          if (r === undefined) return;
          setResult(r); setSelected(new Set()); setReason(''); accounts.reload();
        });
      }}>
        <p>{t('supervisor.territories.selected', { count: selected.size })}</p>
        <label>{t('supervisor.territories.moveTo')}
          <select value={toUser} onChange={(e) => setToUser(e.target.value)}>
            <option value="">{t('supervisor.offboard.choose')}</option>
            {active.map((c) => <option key={c.user_id} value={c.user_id}>{`${c.display_name} (${c.username})`}</option>)}
          </select>
        </label>
        <label>{t('supervisor.territories.reason')}<input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
        <Problem text={action.problem} />
        {result !== null ? <p role="status" data-testid="move-result">{t('supervisor.territories.moved', { moved: formatCount(result.moved.length),
          unchanged: formatCount(result.unchanged.length), to: result.to.username })}</p> : null}
        <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('supervisor.territories.move')}</button></div>
      </form>
    </section>
  );
}

/** 移除 on a territory's row, asked twice: accounts already dealt stay; new ones in the region are left unassigned. */
function RemoveTerritory({ territory, onRemoved, onSessionExpired }: { territory: Territory; onRemoved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const action = useAction(onSessionExpired);
  const name = `${territory.creditor_code} ${territory.region_prefix}`;
  if (!confirming) {
    return <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}
      aria-label={t('supervisor.territories.removeOne', { name })}>{t('supervisor.territories.remove')}</button>;
  }
  return (
    <span className="sv-inline">
      <span>{t('supervisor.territories.removeConfirm')}</span>
      <button type="button" className="button button--primary" disabled={action.busy}
        onClick={() => void action.run(() => removeTerritory(territory.creditor_code, territory.region_prefix)).then((r) => { if (r !== undefined) onRemoved(); })}>
        {t('supervisor.territories.removeYes', { name })}</button>
      <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>{t('supervisor.territories.removeNo')}</button>
      <Problem text={action.problem} />
    </span>
  );
}

/**
 * The territories of one bank at a time: the bank the user's team holds territories of first (a
 * US team lead opens on the US bank, not on the first bank by code), every bank for those
 * without a team's (an admin).
 */
function TerritoryBankPicker({ banks, value, onChange }: { banks: string[]; value: string; onChange(code: string): void }) {
  const { t } = useTranslation();
  return (
    <label className="sv-inline">{t('supervisor.territories.creditor')}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="territories-creditor">
        <option value="">{t('supervisor.territories.allBanks')}</option>
        {banks.map((code) => <option key={code} value={code}>{code}</option>)}
      </select>
    </label>
  );
}

export function TerritoriesScreen({ role, teamId, onSessionExpired }: { role: Role; teamId: number | null; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchTerritories(signal), onSessionExpired);
  const [picked, setPicked] = useState<string | null>(null);
  const items = state.kind === 'ready' ? state.data.items : [];
  const banks = [...new Set(items.map((r) => r.creditor_code))];
  // Derived until the user picks, so the list arriving never overrides a pick.
  const bank = picked ?? items.find((r) => teamId !== null && r.team_id === teamId)?.creditor_code ?? '';
  const shown = bank === '' ? items : items.filter((r) => r.creditor_code === bank);
  return (
    <section className="sv-screen" aria-labelledby="sv-territories-title" data-testid="territories">
      <div className="screen-head"><h1 id="sv-territories-title">{t('supervisor.territories.title')}</h1></div>
      {state.kind === 'loading' ? <p role="status">{t('supervisor.loading')}</p> : null}
      {state.kind === 'error' ? <Problem text={t('supervisor.loadFailed', { message: state.message })} /> : null}
      {state.kind === 'ready' ? (
        items.length === 0 ? <p>{t('supervisor.territories.none')}</p> : (<>
          {banks.length > 1 ? <TerritoryBankPicker banks={banks} value={bank} onChange={setPicked} /> : null}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('supervisor.territories.title')}>
            <table className="data-table" data-testid="territory-table">
              <caption className="visually-hidden">{t('supervisor.territories.title')}</caption>
              <thead><tr>
                <th scope="col">{t('supervisor.territories.creditor')}</th><th scope="col">{t('supervisor.territories.prefix')}</th>
                <th scope="col">{t('accounts.columns.region')}</th><th scope="col">{t('supervisor.territories.team')}</th>
                {role === 'admin' ? <th scope="col"><span className="visually-hidden">{t('supervisor.territories.actions')}</span></th> : null}
              </tr></thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={`${r.creditor_id}-${r.region_prefix}`}>
                    <td>{r.creditor_code}</td><td className="mono">{r.region_prefix}</td><td>{r.region_prefix === '*' ? t('supervisor.territories.allRegions') : regionName(r, i18n.language) ?? '—'}</td>
                    <td>{`${r.team_name} (#${r.team_id})`}</td>
                    {role === 'admin' ? <td><RemoveTerritory territory={r} onRemoved={reload} onSessionExpired={onSessionExpired} /></td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>)
      ) : null}
      {role === 'admin' ? (
        <div className="sv-charts">
          <TerritoryForm onSaved={reload} onSessionExpired={onSessionExpired} />
          <DealForm onSessionExpired={onSessionExpired} />
        </div>
      ) : <p className="muted">{t('supervisor.territories.adminOnly')}</p>}
      <MoveForm onSessionExpired={onSessionExpired} />
    </section>
  );
}
