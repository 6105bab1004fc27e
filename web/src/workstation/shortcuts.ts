import { useEffect, useRef } from 'react';

/**
 * The workstation's keyboard shortcuts, for a collector who works a queue all day: Alt with a
 * letter, never a letter alone (WCAG 2.1.4: a single-key shortcut fires while typing a note).
 * `next` asks for the next account; the others move the focus to the field an element declares
 * with `data-shortcut` (the contact form's outcome, the promise's amount, the caller lookup).
 * Keys are read by their place on the keyboard (`KeyN`), so they work under a Chinese input method
 * or another layout; a key pressed while an input method composes is left alone.
 */
export const SHORTCUTS = { KeyN: 'next', KeyL: 'log', KeyP: 'promise', KeyK: 'caller' } as const;

export type ShortcutAction = (typeof SHORTCUTS)[keyof typeof SHORTCUTS];

/** The key a person presses for an action, as `aria-keyshortcuts` and the hint write it. */
export function shortcutKeys(action: ShortcutAction): string {
  const code = Object.entries(SHORTCUTS).find(([, a]) => a === action)![0];
  return `Alt+${code.slice(3)}`;
}

/** The first visible, enabled element that declares itself the target of `action`. */
function targetOf(action: ShortcutAction): HTMLElement | null {
  for (const element of document.querySelectorAll<HTMLElement>(`[data-shortcut="${action}"]`)) {
    if (element.matches(':disabled') || element.getClientRects().length === 0) continue;
    return element;
  }
  return null;
}

export function useWorkstationShortcuts(onNext: () => void): void {
  const next = useRef(onNext);
  next.current = onNext;
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing || event.repeat) return;
      const action = (SHORTCUTS as Record<string, ShortcutAction | undefined>)[event.code];
      if (!action) return;
      if (action === 'next') {
        event.preventDefault();
        next.current();
        return;
      }
      const target = targetOf(action);
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: 'center' });
      target.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
