import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import type { AccountPageView } from './types.ts';

/**
 * New York's notice on a debt that may be time-barred (23 NYCRR 1.3(b)): the words to read to the
 * debtor before a promise is taken or moved (in English; in Spanish too for a debtor who reads it;
 * its gist in Chinese for a Chinese screen), and the box the collector ticks once they have read it.
 * Nothing when it does not apply. `compact`: the words folded away (a promise's row).
 */
export function TimeBarNoticeCheck({ page, read, onRead, compact = false }: { page: AccountPageView; read: boolean; onRead(read: boolean): void; compact?: boolean }) {
  const { t } = useTranslation();
  const notice = page.time_bar_notice;
  if (!notice) return null;
  const words = (
    <>
      <blockquote lang="en" data-testid="time-bar-notice-en">{notice.en}</blockquote>
      {notice.es ? <><p><strong>{t('workstation.summary.inSpanish')}</strong></p><blockquote lang="es">{notice.es}</blockquote></> : null}
      {currentLocale() === 'zh-CN' ? <p className="muted">{t('workstation.timeBarNotice.translation')}{notice.zh}</p> : null}
    </>
  );
  return (
    <div className="banner banner--warning ws-time-bar-notice" data-testid="time-bar-notice" title={notice.citation}>
      <p><strong>{t('workstation.timeBarNotice.title')}</strong> {t('workstation.timeBarNotice.intro')}</p>
      {compact ? <details><summary>{t('workstation.timeBarNotice.show')}</summary>{words}</details> : words}
      <label className="check">
        <input type="checkbox" required checked={read} onChange={(e) => onRead(e.target.checked)} data-testid="time-bar-notice-read" />
        {' '}{t('workstation.timeBarNotice.read')}
      </label>
    </div>
  );
}
