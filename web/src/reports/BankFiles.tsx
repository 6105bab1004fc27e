import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../lib/types.ts';
import { fetchCreditors } from '../money/api.ts';
import { useLoad } from '../supervisor/useLoad.ts';

const PATHS = { contacts: 'contact-records', accounts: 'account-status', recalled: 'recalled-accounts', lost: 'lost-contacts' } as const;
type Kind = keyof typeof PATHS;
/** The files asked for over a period of business dates (the others are as things stand now). */
const DATED: ReadonlySet<Kind> = new Set(['contacts', 'recalled']);

/** Days in one file, as the server allows (domain/exports/contact-records.ts). */
const MAX_DAYS = 31;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Files for the bank (回盘文件): the contact records (催记回传), by default yesterday's, and the
 * status of every account as it stands now (案件状态); and for admins, the lost-contact list for
 * a skip-trace vendor (失联名单). An admin picks the creditor; a bank's user gets their own. The link is the API's own URL, so the browser downloads the file as the
 * server streams it.
 */
export function BankFiles({ user, onSessionExpired }: { user: User; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const yesterday = addDays(user.business_date, -1);
  const isAdmin = user.role === 'admin';
  const [kind, setKind] = useState<Kind>('contacts');
  const [creditor, setCreditor] = useState('');
  const [from, setFrom] = useState(yesterday);
  const [to, setTo] = useState(yesterday);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [encoding, setEncoding] = useState<'utf8' | 'gbk' | 'gb18030'>('utf8');
  const { state } = useLoad((signal) => (isAdmin ? fetchCreditors(signal) : Promise.resolve({ items: [] })), onSessionExpired, [isAdmin]);
  const creditors = state.kind === 'ready' ? state.data.items : [];
  const chosen = isAdmin ? (creditor || creditors[0]?.code || '') : '';

  const problem = !DATED.has(kind) ? (isAdmin && !chosen ? t('reports.contacts.noCreditor') : null)
    : !from || !to ? t('reports.contacts.needDates')
    : to < from ? t('reports.contacts.toBeforeFrom')
    : to > user.business_date ? t('reports.contacts.future')
    : addDays(from, MAX_DAYS - 1) < to ? t('reports.contacts.tooLong', { days: MAX_DAYS })
    : isAdmin && !chosen ? t('reports.contacts.noCreditor') : null;
  const query = new URLSearchParams({ ...(isAdmin ? { creditor: chosen } : {}), ...(DATED.has(kind) ? { from, to } : {}), format,
    // A bank's file is in the bank's language (the server's choice, by its contract); the list for a skip-trace vendor in the reader's.
    ...(kind === 'lost' ? { locale: i18n.language === 'en' ? 'en' : 'zh-CN' } : {}),
    ...(format === 'csv' ? { encoding } : {}) });

  return (
    <div data-testid="contact-records">
      <div className="screen-head">
        <label className="sv-inline">{t('reports.contacts.file')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="bank-file-kind">
            <option value="contacts">{t('reports.contacts.kinds.contacts')}</option>
            <option value="accounts">{t('reports.contacts.kinds.accounts')}</option>
            <option value="recalled">{t('reports.contacts.kinds.recalled')}</option>
            {isAdmin ? <option value="lost">{t('reports.contacts.kinds.lost')}</option> : null}
          </select>
        </label>
        {isAdmin ? (
          <label className="sv-inline">{t('reports.contacts.creditor')}
            <select value={chosen} onChange={(e) => setCreditor(e.target.value)} data-testid="contact-records-creditor">
              {creditors.map((c) => <option key={c.code} value={c.code}>{`${c.code} · ${c.name}`}</option>)}
            </select>
          </label>
        ) : null}
        {DATED.has(kind) ? (
          <>
            <label className="sv-inline">{t('reports.from')}<input type="date" value={from} max={user.business_date} onChange={(e) => setFrom(e.target.value)} data-testid="contact-records-from" /></label>
            <label className="sv-inline">{t('reports.to')}<input type="date" value={to} max={user.business_date} onChange={(e) => setTo(e.target.value)} data-testid="contact-records-to" /></label>
          </>
        ) : null}
        <label className="sv-inline">{t('reports.contacts.format')}
          <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')} data-testid="contact-records-format">
            <option value="csv">CSV</option><option value="xlsx">Excel (XLSX)</option>
          </select>
        </label>
        {format === 'csv' ? (
          <label className="sv-inline">{t('reports.contacts.encoding')}
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf8' | 'gbk' | 'gb18030')} data-testid="contact-records-encoding">
              <option value="utf8">UTF-8</option><option value="gbk">GBK</option><option value="gb18030">GB18030</option>
            </select>
          </label>
        ) : null}
        {format === 'csv' && encoding === 'gbk' ? <span className="muted" data-testid="gbk-note">{t('reports.contacts.gbkNote')}</span> : null}
      </div>
      <p className={kind === 'lost' ? 'banner banner--warning' : 'muted'} data-testid="bank-file-note">
        {t(kind === 'contacts' ? 'reports.contacts.note' : kind === 'accounts' ? 'reports.contacts.accountsNote' : kind === 'recalled' ? 'reports.contacts.recalledNote'
          : 'reports.contacts.lostNote', { date: user.business_date })}
      </p>
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{t('reports.loadFailed', { message: state.message })}</p> : null}
      {problem !== null
        ? <p className="banner banner--warning" role="status" data-testid="contact-records-problem">{problem}</p>
        : <a className="button" href={`/api/exports/${PATHS[kind]}?${query.toString()}`} download
            data-testid="contact-records-download">{t('reports.contacts.download')}</a>}
    </div>
  );
}
