import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../lib/api.ts';

export type Load<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T };

/** Loads once and on `reload()`; a 401 tells the app the session is over. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, onSessionExpired: () => void, deps: unknown[] = []):
  { state: Load<T>; reload(): void } {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setState({ kind: 'ready', data }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round, ...deps]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { state, reload };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
