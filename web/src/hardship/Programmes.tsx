import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSuspensions } from '../supervisor/api.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { closeProgramme, fetchProgrammes, openProgramme } from './api.ts';
import { Problem } from './Bits.tsx';

/** Supervisors and admins: hardship programmes for suspensions (region epidemic, disaster), which pre-fill affected debtors' applications. */
export function Programmes({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad(async (signal) => {
    const [programmes, suspensions] = await Promise.all([fetchProgrammes(signal), fetchSuspensions(false, signal)]);
    return { programmes: programmes.items, suspensions: suspensions.items.filter((s) => s.state === 'in_force' || s.state === 'scheduled') };
  }, onSessionExpired);
  const [suspensionId, setSuspensionId] = useState('');
  const [note, setNote] = useState('');
  const action = useAction(onSessionExpired);
  if (state.kind !== 'ready') return state.kind === 'error' ? <Problem text={state.message} /> : null;
  const covered = new Set(state.data.programmes.map((p) => p.suspension_id));
  const open = state.data.suspensions.filter((s) => !covered.has(s.id));
  return (
    <section className="ws-section" data-testid="hardship-programmes" aria-label={t('hardship.programmes.title')}>
      <h2>{t('hardship.programmes.title')}</h2>
      {state.data.programmes.length ? (
        <ul>{state.data.programmes.map((p) => (
          <li key={p.id}>{p.name} · {t(`hardship.reasons.${p.reason}`)} · {t(`hardship.programmes.scopes.${p.scope}`)} {p.code} · {p.evidence_note}{' '}
            <button type="button" className="button button--quiet" disabled={action.busy} aria-label={t('hardship.programmes.closeLabel', { name: p.name })}
              onClick={() => void action.run(() => closeProgramme(p.id)).then((r) => { if (r !== undefined) reload(); })}>{t('hardship.programmes.close')}</button></li>
        ))}</ul>
      ) : <p className="muted">{t('hardship.programmes.none')}</p>}
      {open.length ? (
        <form className="hs-resubmit" onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => openProgramme({ suspension_id: Number(suspensionId), evidence_note: note }))
            .then((r) => { if (r !== undefined) { setNote(''); setSuspensionId(''); reload(); } });
        }}>
          <label>{t('hardship.programmes.suspension')}
            <select value={suspensionId} onChange={(e) => setSuspensionId(e.target.value)} required>
              <option value="" />
              {open.map((s) => <option key={s.id} value={s.id}>{s.reason} · {s.scope} {s.code} · {s.from_date}{s.to_date ? ` → ${s.to_date}` : ''}</option>)}
            </select>
          </label>
          <label>{t('hardship.programmes.evidenceNote')}<input value={note} onChange={(e) => setNote(e.target.value)} required maxLength={1000} /></label>
          <Problem text={action.problem} />
          <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('hardship.programmes.open')}</button></div>
        </form>
      ) : null}
    </section>
  );
}
