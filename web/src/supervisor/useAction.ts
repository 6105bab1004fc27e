import { useState } from 'react';
import { ApiError } from '../lib/api.ts';

/** One form's submission: busy while it runs, the server's message inline when it fails. */
export function useAction(onSessionExpired: () => void): {
  busy: boolean; problem: string | null; setProblem(p: string | null): void; run<T>(action: () => Promise<T>): Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      else setProblem(error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, setProblem, run };
}
