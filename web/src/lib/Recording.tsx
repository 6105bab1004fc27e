import { useTranslation } from 'react-i18next';
import { recordingLink } from './recordings.ts';

/** A call's recording reference: a link to the call centre's player when one is configured. */
export function Recording({ value, className }: { value: string | null; className?: string }) {
  const { t } = useTranslation();
  if (value === null) return <span className={className}>—</span>;
  const href = recordingLink(value);
  return href === null ? <span className={className}>{value}</span>
    : <a className={className} href={href} target="_blank" rel="noreferrer" title={t('app.playRecording')} data-testid="recording-link">▶ {value}</a>;
}
