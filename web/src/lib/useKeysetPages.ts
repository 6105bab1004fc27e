import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';

/** A page of a list the server answers newest first: `next_before` is the id to ask older ones with, null at the end. */
export interface KeysetPage<T> { items: T[]; next_before: number | null }

/** The list as loaded so far: the first page, then each older page appended. */
export type Listing<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; field: string | null }
  | { kind: 'ready'; items: T[]; nextBefore: number | null; more: 'idle' | 'loading' | { error: string } };

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A newest-first list read a page at a time (the audit log, the outbox): the first page
 * whenever `key` changes or `reload` is called, older pages appended by `loadOlder`; a page still
 * coming when the list starts again is dropped. `onPage` sees every page as it comes (for what
 * the server says beside the items). A 401 ends the session.
 */
export function useKeysetPages<T, P extends KeysetPage<T>>(
  fetchPage: (before: number | null, signal: AbortSignal) => Promise<P>, key: unknown, onSessionExpired: () => void, onPage?: (page: P) => void,
): { listing: Listing<T>; loadOlder(): Promise<void>; reload(): void; replace(item: (current: T) => T): void } {
  const [round, setRound] = useState(0);
  const [listing, setListing] = useState<Listing<T>>({ kind: 'loading' });
  const older = useRef<AbortController | null>(null);
  const latest = useRef({ fetchPage, onPage });
  latest.current = { fetchPage, onPage };

  useEffect(() => {
    older.current?.abort();
    const controller = new AbortController();
    setListing({ kind: 'loading' });
    latest.current.fetchPage(null, controller.signal).then(
      (page) => {
        latest.current.onPage?.(page);
        setListing({ kind: 'ready', items: page.items, nextBefore: page.next_before, more: 'idle' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
        setListing({ kind: 'error', message: messageOf(error), field: error instanceof ApiError ? error.field ?? null : null });
      });
    return () => controller.abort();
  }, [key, round, onSessionExpired]);
  useEffect(() => () => older.current?.abort(), []);

  async function loadOlder(): Promise<void> {
    if (listing.kind !== 'ready' || listing.nextBefore === null || listing.more === 'loading') return;
    const before = listing.nextBefore;
    const controller = new AbortController();
    older.current = controller;
    setListing({ ...listing, more: 'loading' });
    try {
      const page = await latest.current.fetchPage(before, controller.signal);
      latest.current.onPage?.(page);
      setListing((current) => (current.kind === 'ready'
        ? { kind: 'ready', items: [...current.items, ...page.items], nextBefore: page.next_before, more: 'idle' } : current));
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setListing((current) => (current.kind === 'ready' ? { ...current, more: { error: messageOf(error) } } : current));
    }
  }

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback((update: (current: T) => T) => {
    setListing((current) => (current.kind === 'ready' ? { ...current, items: current.items.map(update) } : current));
  }, []);
  return { listing, loadOlder, reload, replace };
}
