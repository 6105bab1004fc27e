import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR, login } from '../lib/api.ts';
import type { Locale, User } from '../lib/types.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

interface SignInPageProps {
  notice: 'expired' | 'signed-out' | null;
  onSignedIn(user: User): Promise<void>;
  onChangeLocale(locale: Locale): void;
}

/** Minutes to tell the user to wait, rounded up so they never come back too early. */
function minutesToWait(error: ApiError): number {
  const seconds = error.details.retry_after_seconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 1;
}

export function SignInPage({ notice, onSignedIn, onChangeLocale }: SignInPageProps) {
  const { t } = useTranslation();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // The error itself is kept, not its text, so it follows a language switch.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  function describe(error: unknown): string {
    if (!(error instanceof ApiError)) return t('auth.failed', { message: String(error) });
    if (error.code === 'INVALID_CREDENTIALS' || error.status === 401) return t('auth.invalidCredentials');
    if (error.code === 'RATE_LIMITED' || error.status === 429) return t('auth.rateLimited', { count: minutesToWait(error) });
    if (error.code === NETWORK_ERROR) return t('auth.unreachable');
    return t('auth.failed', { message: error.message || error.code });
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const user = await login(username.trim(), password);
      await onSignedIn(user);
    } catch (error) {
      setFailure({ error });
      setPassword('');
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <div className="signin-page">
      <div className="signin-tools">
        <LanguageSwitch onChange={onChangeLocale} confirmsActive />
      </div>
      <main className="signin-card">
        <div className="signin-brand">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <span data-testid="product-name">Leeway {t('app.subtitle')}</span>
        </div>
        <h1>{t('auth.title')}</h1>
        <p className="muted">{t('auth.intro')}</p>
        {notice !== null && failure === null ? (
          <p className="banner banner--info" role="status">
            {notice === 'expired' ? t('auth.sessionExpired') : t('auth.signedOut')}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} aria-label={t('auth.title')}>
          <div className="field">
            <label htmlFor={`${id}-username`}>{t('auth.username')}</label>
            <input
              id={`${id}-username`}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              aria-describedby={failure !== null ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={failure !== null ? true : undefined}
              aria-describedby={failure !== null ? errorId : undefined}
            />
          </div>
          {failure !== null ? (
            <p id={errorId} className="banner banner--error" role="alert" data-testid="signin-error">
              {describe(failure.error)}
            </p>
          ) : null}
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
        <p className="signin-notice">{t('auth.notice')}</p>
      </main>
    </div>
  );
}
