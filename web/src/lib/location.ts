import { useEffect, useState } from 'react';

/**
 * A very small router: the app has few screens, and the URL only has to say which screen
 * and which list page/search is showing, so reloads and the back button behave.
 */
const NAVIGATED = 'leeway:navigate';

export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const sync = (): void => setUrl(new URL(window.location.href));
    window.addEventListener('popstate', sync);
    window.addEventListener(NAVIGATED, sync);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener(NAVIGATED, sync);
    };
  }, []);
  return url;
}

let leaveGuard: (() => boolean) | null = null;
const warnOnUnload = (event: BeforeUnloadEvent): void => { event.preventDefault(); };

/**
 * While set, leaving the screen asks first: a form holds work typed and not saved (a call's
 * outcome and note). Null: nothing to lose. A reload or a closed tab is asked by the browser.
 */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
  if (guard === null) window.removeEventListener('beforeunload', warnOnUnload);
  else window.addEventListener('beforeunload', warnOnUnload);
}

/** Whether leaving may go ahead: the guard's answer, asked once (a yes lets the navigation through). */
export function mayLeave(): boolean {
  if (leaveGuard === null) return true;
  if (!leaveGuard()) return false;
  setLeaveGuard(null);
  return true;
}

/** `replace` for corrections (redirects, first load) that should not add a history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = new URL(to, window.location.href);
  if (target.href === window.location.href) return;
  if (options.replace !== true && !mayLeave()) return;
  if (options.replace === true) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATED));
}
