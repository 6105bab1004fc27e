import { useTranslation } from 'react-i18next';
import { Refusal } from './Refusal.tsx';
import type { SubmitProblem } from './useSubmit.ts';

export function Problem({ problem, onReload, refusalTitle }: { problem: SubmitProblem | null; onReload(): void; /** The refusal's heading (default: the contact was not logged). */ refusalTitle?: string }) {
  const { t } = useTranslation();
  if (problem === null) return null;
  if (problem.kind === 'refused') return <Refusal decision={problem.decision} {...(refusalTitle ? { titleKey: refusalTitle } : {})} />;
  if (problem.kind === 'conflict') {
    return (
      <div className="banner banner--warning" role="alert" data-testid="version-conflict">
        {t('workstation.conflict')}{' '}
        <button type="button" className="button button--quiet" onClick={onReload}>{t('workstation.reload')}</button>
      </div>
    );
  }
  return <p className="banner banner--error" role="alert">{problem.message}</p>;
}
