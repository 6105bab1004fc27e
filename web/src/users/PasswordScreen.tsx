import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../lib/location.ts';
import type { User } from '../lib/types.ts';
import { changePassword, MIN_PASSWORD_LENGTH } from './api.ts';
import { invalidProps, useFieldAction } from './UsersScreen.tsx';
import './users.css';

export const PASSWORD_PATH = '/account/password';

/**
 * Change password (修改密码, every role): the current password, the new one twice. The two new
 * ones are compared here, before anything is sent; the server checks the rest (length, not the
 * username, not the current one) and ends the user's other sessions, keeping this one.
 */
export function PasswordScreen({ user, onSessionExpired, onChanged }: { user: User; onSessionExpired(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [changed, setChanged] = useState(false);
  const action = useFieldAction(onSessionExpired);

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setChanged(false);
    if (next !== repeat) {
      action.setProblem({ message: t('password.mismatch'), field: 'repeat_password', code: null });
      return;
    }
    const result = await action.run(() => changePassword(current, next));
    if (result.ok) {
      setChanged(true);
      onChanged();
      setCurrent('');
      setNext('');
      setRepeat('');
    }
  }

  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  return (
    <section className="us-screen" aria-labelledby="pw-title" data-testid="password-screen">
      <div className="screen-head"><h1 id="pw-title">{t('password.title')}</h1></div>
      <p className="muted">{t('password.intro', { min: MIN_PASSWORD_LENGTH })}</p>
      <form className="us-form us-form--narrow" onSubmit={(e) => void send(e)} data-testid="password-form">
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <label>{t('password.current')}
          <input type="password" name="current-password" autoComplete="current-password" value={current} required
            onChange={(e) => setCurrent(e.target.value)} {...invalid('current_password')} /></label>
        <label>{t('password.new')}
          <input type="password" name="new-password" autoComplete="new-password" value={next} required
            onChange={(e) => setNext(e.target.value)} {...invalid('new_password', 'repeat_password')} /></label>
        <label>{t('password.repeat')}
          <input type="password" name="repeat-password" autoComplete="new-password" value={repeat} required
            onChange={(e) => setRepeat(e.target.value)} {...invalid('repeat_password')} /></label>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="password-problem">{action.problem.message}</p> : null}
        {changed ? <p className="banner banner--info" role="status" data-testid="password-changed">{t('password.changed')}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {t(action.busy ? 'password.submitting' : 'password.submit')}</button>
      </form>
    </section>
  );
}

/** The top bar's link to this screen, beside the user's name. */
export function PasswordLink() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <a className="topbar-link" href={PASSWORD_PATH} data-testid="change-password-link"
      aria-current={location.pathname === PASSWORD_PATH ? 'page' : undefined} onClick={(event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(PASSWORD_PATH);
    }}>{t('password.link')}</a>
  );
}
