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

/** The questions to ask before leaving, newest last: each form with work not saved holds one. */
const leaveGuards: Array<() => boolean> = [];
const warnOnUnload = (event: BeforeUnloadEvent): void => { event.preventDefault(); };

function watchUnload(): void {
  if (leaveGuards.length === 0) window.removeEventListener('beforeunload', warnOnUnload);
  else window.addEventListener('beforeunload', warnOnUnload);
}

/**
 * While held, leaving the screen asks first: a form holds work not saved (a call's outcome and
 * note, a promise logged but its amount not yet written). The guard asks (a confirm) and says
 * whether to leave; the returned function lets go of it. A reload or a closed tab is asked by the browser.
 * Take and release it in a layout effect: a passive one runs after the paint, so a key pressed the
 * moment a form is reset would still meet the form's old guard.
 */
export function guardLeaving(guard: () => boolean): () => void {
  leaveGuards.push(guard);
  watchUnload();
  return () => {
    const at = leaveGuards.indexOf(guard);
    if (at >= 0) leaveGuards.splice(at, 1);
    watchUnload();
  };
}

/**
 * Whether leaving may go ahead: the newest guard's question, asked once (one question is enough:
 * a yes lets the navigation through and drops every guard, a no stays).
 */
export function mayLeave(): boolean {
  const ask = leaveGuards.at(-1);
  if (ask === undefined) return true;
  if (!ask()) return false;
  leaveGuards.length = 0;
  watchUnload();
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
