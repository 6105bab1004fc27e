import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsScreen } from './accounts/AccountsScreen.tsx';
import { AuditScreen } from './audit/AuditScreen.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { HardshipInboxScreen } from './hardship/InboxScreen.tsx';
import { ImportsScreen } from './imports/ImportsScreen.tsx';
import { applyLocale } from './i18n/index.ts';
import { isMoneyPath, MoneyScreen } from './money/MoneyScreen.tsx';
import { NoticesScreen } from './notices/NoticesScreen.tsx';
import { OutboxScreen } from './outbox/OutboxScreen.tsx';
import { QualityScreen } from './quality/QualityScreen.tsx';
import { ReportsScreen } from './reports/ReportsScreen.tsx';
import { ApiError, fetchMe, logout, saveLocale } from './lib/api.ts';
import { navigate, useLocation } from './lib/location.ts';
import type { Locale, User } from './lib/types.ts';
import { Shell } from './shell/Shell.tsx';
import { SCREEN_PATHS } from './shell/navigation.ts';
import { isSupervisorPath, SupervisorScreen } from './supervisor/SupervisorScreen.tsx';
import { isWorkstationPath, WorkstationScreen } from './workstation/WorkstationScreen.tsx';
import { CasesScreen } from './cases/CasesScreen.tsx';
import { ComplianceReviewScreen } from './compliance/ComplianceReviewScreen.tsx';
import { CreditorsScreen } from './creditors/CreditorsScreen.tsx';
import { PlacementsScreen } from './creditors/PlacementsScreen.tsx';
import { SiteAdminScreen } from './site-admin/SiteAdminScreen.tsx';
import { StrategyScreen } from './strategy/StrategyScreen.tsx';
import { PasswordScreen } from './users/PasswordScreen.tsx';
import { UsersScreen } from './users/UsersScreen.tsx';

type Session =
  | { kind: 'checking' }
  | { kind: 'unreachable' }
  | { kind: 'signed-out'; notice: 'expired' | 'signed-out' | null }
  | { kind: 'signed-in'; user: User };

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function App() {
  const { t } = useTranslation();
  const location = useLocation();
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const [problem, setProblem] = useState<string | null>(null);
  // A language picked on the sign-in page is a fresh, explicit choice: it beats the one
  // saved on the server, and is saved there once the user has signed in.
  const chosenWhileSignedOut = useRef<Locale | null>(null);

  const checkSession = useCallback(async (signal?: AbortSignal) => {
    setSession({ kind: 'checking' });
    try {
      const user = await fetchMe(signal);
      await applyLocale(user.locale);
      setSession({ kind: 'signed-in', user });
    } catch (error) {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.status === 401) setSession({ kind: 'signed-out', notice: null });
      else setSession({ kind: 'unreachable' });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void checkSession(controller.signal);
    return () => controller.abort();
  }, [checkSession]);

  const sessionExpired = useCallback(() => setSession({ kind: 'signed-out', notice: 'expired' }), []);

  // The signed-in user read again (after a change of password, which clears password_temporary).
  const refreshUser = useCallback(() => {
    fetchMe().then((user) => setSession((current) => (current.kind === 'signed-in' ? { kind: 'signed-in', user } : current)), () => {});
  }, []);

  const storeLocale = useCallback(
    (locale: Locale) => {
      saveLocale(locale).then(
        (user) => setSession((current) => (current.kind === 'signed-in' ? { kind: 'signed-in', user } : current)),
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 401) sessionExpired();
          else setProblem(t('language.saveFailed'));
        },
      );
    },
    [sessionExpired, t],
  );

  const changeLocale = useCallback(
    (locale: Locale) => {
      setProblem(null);
      void applyLocale(locale);
      if (session.kind === 'signed-in') storeLocale(locale);
      else chosenWhileSignedOut.current = locale;
    },
    [session.kind, storeLocale],
  );

  const signedIn = useCallback(
    async (user: User) => {
      const chosen = chosenWhileSignedOut.current;
      chosenWhileSignedOut.current = null;
      if (chosen !== null && chosen !== user.locale) {
        await applyLocale(chosen);
        setSession({ kind: 'signed-in', user: { ...user, locale: chosen } });
        storeLocale(chosen);
      } else {
        await applyLocale(user.locale);
        setSession({ kind: 'signed-in', user });
      }
    },
    [storeLocale],
  );

  const signOut = useCallback(async () => {
    setProblem(null);
    try {
      await logout();
    } catch (error) {
      // 401 means the session is already gone, which is what was asked for.
      if (!(error instanceof ApiError && error.status === 401)) {
        setProblem(t('shell.logoutFailed'));
        return;
      }
    }
    // Drop the screen's URL too: a search term in it may be a debtor's name.
    navigate('/', { replace: true });
    setSession({ kind: 'signed-out', notice: 'signed-out' });
  }, [t]);

  const onWorkstation = isWorkstationPath(location.pathname);
  // The supervisor's screens are known only to supervisors and admins; others land on their accounts.
  const onSupervisorScreen = isSupervisorPath(location.pathname)
    && session.kind === 'signed-in' && (session.user.role === 'supervisor' || session.user.role === 'admin');
  const onKnownScreen = onWorkstation || onSupervisorScreen
    || (!isSupervisorPath(location.pathname) && (Object.values(SCREEN_PATHS) as string[]).includes(location.pathname));
  useEffect(() => {
    if (session.kind === 'signed-in' && !onKnownScreen) navigate(SCREEN_PATHS.accounts, { replace: true });
  }, [session.kind, onKnownScreen]);

  switch (session.kind) {
    case 'checking':
      return (
        <div className="page-status" role="status">
          {t('app.loading')}
        </div>
      );
    case 'unreachable':
      return (
        <div className="page-status">
          <p role="alert">{t('app.unreachable')}</p>
          <button type="button" className="button" onClick={() => void checkSession()}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'signed-out':
      return <SignInPage notice={session.notice} onSignedIn={signedIn} onChangeLocale={changeLocale} />;
    case 'signed-in':
      return (
        <Shell user={session.user} problem={problem} onChangeLocale={changeLocale} onLogout={signOut}>
          {session.user.password_temporary ? <PasswordScreen user={session.user} onSessionExpired={sessionExpired} onChanged={refreshUser} />
            : onWorkstation ? <WorkstationScreen location={location} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.cases && session.user.role !== 'collector' ? <CasesScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.quality && session.user.role !== 'creditor_user' ? <QualityScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : onSupervisorScreen ? <SupervisorScreen pathname={location.pathname} role={session.user.role} teamId={session.user.team_id} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.hardshipInbox && session.user.role !== 'collector' ? <HardshipInboxScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.notices ? <NoticesScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.reports ? <ReportsScreen user={session.user} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.imports && (session.user.role === 'admin' || session.user.role === 'supervisor') ? <ImportsScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.strategy && (session.user.role === 'admin' || session.user.role === 'supervisor') ? <StrategyScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.outbox && (session.user.role === 'admin' || session.user.role === 'supervisor') ? <OutboxScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.siteAdmin && session.user.role === 'admin' ? <SiteAdminScreen onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.creditors && session.user.role === 'admin' ? <CreditorsScreen onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.placements && session.user.role !== 'collector' ? <PlacementsScreen user={session.user} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.users && session.user.role === 'admin' ? <UsersScreen user={session.user} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.audit && session.user.role === 'admin' ? <AuditScreen onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.complianceReview && (session.user.role === 'admin' || session.user.role === 'supervisor')
              ? <ComplianceReviewScreen role={session.user.role} onSessionExpired={sessionExpired} />
            : location.pathname === SCREEN_PATHS.password ? <PasswordScreen user={session.user} onSessionExpired={sessionExpired} onChanged={refreshUser} />
            : isMoneyPath(location.pathname, session.user.role) ? <MoneyScreen pathname={location.pathname} user={session.user} onSessionExpired={sessionExpired} />
            : onKnownScreen ? <AccountsScreen user={session.user} location={location} onSessionExpired={sessionExpired} /> : null}
        </Shell>
      );
  }
}
