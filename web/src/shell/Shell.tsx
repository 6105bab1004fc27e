import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../lib/location.ts';
import type { Locale, User } from '../lib/types.ts';
import { UnreadBadge } from '../notices/NoticesScreen.tsx';
import { PASSWORD_PATH, PasswordLink } from '../users/PasswordScreen.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navItemsFor } from './navigation.ts';

interface ShellProps {
  user: User;
  problem: string | null;
  onChangeLocale(locale: Locale): void;
  onLogout(): void;
  children: ReactNode;
}

export function Shell({ user, problem, onChangeLocale, onLogout, children }: ShellProps) {
  const { t } = useTranslation();
  const location = useLocation();
  useScreenTitle(location.pathname, t('app.subtitle'));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand" data-testid="product-name">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          Leeway {t('app.subtitle')}
        </div>
        <div className="topbar-tools">
          <div className="current-user" data-testid="current-user">
            <span className="visually-hidden">{t('shell.user')}: </span>
            <span className="current-user-name">{user.display_name}</span>
            <span className="role-tag" data-testid="current-role">
              {t(`roles.${user.role}`)}
            </span>
          </div>
          <PasswordLink />
          <LanguageSwitch onChange={onChangeLocale} tone="dark" />
          <button type="button" className="button button--ghost-dark" onClick={onLogout}>
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('shell.navLabel')}>
        {/* With a temporary password only the password screen is open (the server refuses the rest until one is chosen). */}
        {user.password_temporary ? null : <ul>
          {navItemsFor(user.role).map((item) => {
            const current = location.pathname === item.path;
            return (
              <li key={item.screen}>
                <a
                  href={item.path}
                  aria-current={current ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    navigate(item.path);
                  }}
                >
                  {t(item.labelKey)}
                  {item.screen === 'notices' ? <UnreadBadge pathname={location.pathname} /> : null}
                </a>
              </li>
            );
          })}
        </ul>}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {user.password_temporary && location.pathname !== PASSWORD_PATH ? (
          <p className="banner banner--warning" role="status" data-testid="temporary-password-notice">
            {t('password.temporaryNotice')}{' '}
            <a href={PASSWORD_PATH} onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              navigate(PASSWORD_PATH);
            }}>{t('password.link')}</a>
          </p>
        ) : null}
        {problem !== null ? (
          <p className="banner banner--warning" role="alert">
            {problem}
          </p>
        ) : null}
        {children}
      </main>
    </div>
  );
}

/**
 * The window title names the screen (its heading, then "Leeway"), so tabs of several accounts can
 * be told apart; and on going to another screen, focus moves to its content, so a screen reader
 * hears the new screen rather than nothing. Headings appear once a screen's data is in: they are
 * watched for.
 */
function useScreenTitle(pathname: string, subtitle: string): void {
  const first = useRef(true);
  useEffect(() => {
    const main = document.getElementById('main');
    if (main === null) return;
    const moveFocus = !first.current;
    first.current = false;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const heading = main.querySelector('h1, h2')?.textContent?.trim();
        document.title = heading ? `${heading} · Leeway` : `Leeway ${subtitle}`;
      });
    };
    update();
    // Focus on the new screen's content (not on the first render: the page was just opened).
    if (moveFocus && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true });
    return () => { observer.disconnect(); cancelAnimationFrame(frame); };
  }, [pathname, subtitle]);
}
