import { describe, expect, it } from 'vitest';
import { receiverProblem } from './move-accounts.ts';

describe('who can receive accounts', () => {
  it('an active collector or team lead in a team; anyone else is refused in words, not role codes', () => {
    expect(receiverProblem({ active: true, role: 'collector', team_id: 1 })).toBeNull();
    expect(receiverProblem({ active: true, role: 'supervisor', team_id: 1 })).toBeNull();
    expect(receiverProblem({ active: true, role: 'creditor_user', team_id: null }))
      .toEqual({ en: "is a bank's user, not a collector or team lead", zh: '是委托方，不是催收员或组长' });
    expect(receiverProblem({ active: true, role: 'admin', team_id: null })?.en).toBe('is an admin, not a collector or team lead');
    expect(receiverProblem({ active: false, role: 'collector', team_id: 1 })?.en).toBe('is not active');
    expect(receiverProblem({ active: true, role: 'collector', team_id: null })?.en).toBe('has no team');
  });
});
