import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { jsonErrorAt } from '../lib/json-error.ts';
import { fetchContract, fetchCreditors, rateText, saveContract } from './api.ts';
import { creditorName } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';

const TEMPLATE = (creditor: string, name: string) => ({
  creditor, name, pack: 'CN', placement_days: 90,
  commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M4', to: 'M6', rate_bp: 1500 }, { from: 'M7+', rate_bp: 2500 }] },
  allocation_order: ['fees', 'interest', 'principal'],
  promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10,
  waiver_limits: { collector: { interest_bp: 1000 }, supervisor: { fees_bp: 10000, interest_bp: 10000 } },
});

interface Tier { from: string; to?: string; rate_bp: number }

/** The contract editor (admin): a creditor's versions, and a new version as JSON, checked by the server. */
export function ContractScreen({ today, onSessionExpired }: { today: string; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const creditors = useLoad((signal) => fetchCreditors(signal), onSessionExpired);
  const [creditor, setCreditor] = useState<string | undefined>(undefined);
  const list = creditors.state.kind === 'ready' ? creditors.state.data.items : [];
  const chosen = creditor ?? list[0]?.code;
  const versions = useLoad((signal) => (chosen ? fetchContract(chosen, signal) : Promise.resolve(null)), onSessionExpired, [chosen]);
  const [text, setText] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const save = useAction(onSessionExpired);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (versions.state.kind !== 'ready' || !chosen) return;
    const latest = versions.state.data?.versions[0]?.contract;
    const name = list.find((c) => c.code === chosen)?.name ?? chosen;
    setText(JSON.stringify(latest && (latest as { commission?: { tiers?: unknown[] } }).commission?.tiers?.length ? latest : TEMPLATE(chosen, name), null, 2));
    // The first day a new version may start (not before the latest version, after payments already settled), not a refused today.
    const earliest = versions.state.data?.earliest_effective_from;
    if (earliest !== undefined) setEffectiveFrom(earliest > today ? earliest : today);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versions.state, chosen]);

  let preview: Tier[] | null = null;
  let pack: string | null = null;
  try {
    const parsed = JSON.parse(text) as { commission?: { tiers?: Tier[] }; pack?: unknown };
    preview = parsed.commission?.tiers ?? null;
    pack = typeof parsed.pack === 'string' ? parsed.pack : null;
  } catch { preview = null; }

  return (
    <section className="sv-screen" aria-labelledby="money-contract-title" data-testid="contract-screen">
      <div className="screen-head">
        <h1 id="money-contract-title">{t('money.contract.title')}</h1>
        <label className="sv-inline">{t('money.creditor')}
          <select value={chosen ?? ''} onChange={(e) => { setCreditor(e.target.value); setSaved(null); }} data-testid="contract-creditor">
            {list.map((c) => <option key={c.code} value={c.code}>{creditorName(c, currentLocale())} ({c.code})</option>)}
          </select>
        </label>
      </div>
      {versions.state.kind === 'error' ? <p role="alert" className="banner banner--error">{versions.state.message}</p> : null}
      {versions.state.kind === 'ready' && versions.state.data ? (
        <table className="data-table" data-testid="contract-versions">
          <thead><tr><th scope="col">{t('money.contract.version')}</th><th scope="col">{t('money.contract.effectiveFrom')}</th><th scope="col">{t('money.contract.name')}</th></tr></thead>
          <tbody>{versions.state.data.versions.map((v) => (
            <tr key={v.version}><td>{v.version}</td><td>{v.effective_from}</td><td>{String(v.contract.name ?? '')}</td></tr>
          ))}</tbody>
        </table>
      ) : null}
      <form className="sv-form" onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        let body: unknown;
        try { body = JSON.parse(text); } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const at = jsonErrorAt(text, message);
          save.setProblem(at ? t('money.contract.badJsonAt', at) : t('money.contract.badJson', { message }));
          return;
        }
        void save.run(async () => {
          const r = await saveContract(chosen ?? '', body, effectiveFrom);
          setSaved(t('money.contract.saved', { version: r.version, from: r.effective_from, creditor: r.creditor }));
          versions.reload();
        });
      }}>
        <h2>{t('money.contract.newVersion')}</h2>
        <label>{t('money.contract.json')}
          <textarea rows={18} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="contract-json" style={{ fontFamily: 'monospace' }} />
        </label>
        {preview ? (
          <p className="muted" data-testid="contract-tiers">
            {t('money.contract.tiers')}: {preview.map((tier) => `${tier.from}${tier.to ? `–${tier.to}` : tier.from.endsWith('+') ? '' : '+'} ${rateText(Number(tier.rate_bp))}`).join(' · ')}
          </p>
        ) : null}
        {pack === 'US' || pack === 'UK' ? <p className="banner banner--info" data-testid="contract-pack-note">{t(`money.contract.pack${pack}`)}</p> : null}
        <label className="sv-inline">{t('money.contract.effectiveFrom')}
          <input type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={save.busy} data-testid="contract-save">{t('money.contract.save')}</button>
        {save.problem ? <p role="alert" className="sv-field-error" data-testid="contract-problem">{save.problem}</p> : null}
        {saved ? <p role="status" data-testid="contract-saved">{saved}</p> : null}
      </form>
    </section>
  );
}
