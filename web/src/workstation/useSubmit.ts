import { useState } from 'react';
import { ApiError } from '../lib/api.ts';
import type { Decision } from './types.ts';

export type SubmitProblem =
  | { kind: 'refused'; decision: Decision }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string; field: string | undefined };

/** One form submission at a time, its problem kept for the form to show inline. */
export function useSubmit(onSessionExpired: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      else if (error instanceof ApiError && error.code === 'CONTACT_NOT_ALLOWED' && typeof error.details.decision === 'object') {
        setProblem({ kind: 'refused', decision: error.details.decision as Decision });
      } else if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') setProblem({ kind: 'conflict', message: error.message });
      else setProblem({ kind: 'error', message: error instanceof Error ? error.message : String(error), field: error instanceof ApiError ? error.field : undefined });
      return false;
    } finally {
      setBusy(false);
    }
  }
  /**
   * Forgets the last problem. A form calls it when the browser blocks a submission (`onInvalidCapture`: a date past its max, a
   * required field empty), so the server's answer to the previous attempt is not shown beside the browser's about this one.
   */
  const clear = () => setProblem(null);
  return { busy, problem, run, clear };
}
