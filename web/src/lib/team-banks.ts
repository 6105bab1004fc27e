/**
 * The bank a screen opens on. A team lead of the US desk opens the statements and placements
 * of the US bank, not the first bank by code: the first bank the user's team works (the server's
 * `team_works`: accounts dealt to the team, or its territories), else the first.
 */
export function defaultBank<T extends { code: string; team_works?: boolean }>(banks: readonly T[]): string | undefined {
  return (banks.find((b) => b.team_works) ?? banks[0])?.code;
}

/** The same banks, the team's own first (otherwise in the order given): a list that opens on its first. */
export function teamBanksFirst<T extends { team_works?: boolean }>(banks: readonly T[]): T[] {
  return [...banks.filter((b) => b.team_works), ...banks.filter((b) => !b.team_works)];
}
