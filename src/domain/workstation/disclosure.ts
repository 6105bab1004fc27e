/**
 * What a collector says first on a call under a US contract: a debt collector must say it is one
 * in every communication (12 CFR 1006.18(e)), and must not tell anyone but the debtor about the
 * debt (1006.6(d), 15 USC 1692b), so the script confirms who answered before anything else.
 * Null under other packs (China's and the UK's rules ask for no set words).
 */
export function callDisclosure(pack: string | null | undefined, agencyName: string, debtorName: string): { en: string; zh: string } | null {
  if (pack !== 'US') return null;
  return {
    en: `First ask for ${debtorName} and confirm it is them; say nothing about the debt to anyone else. Then say: "This is ${agencyName}. `
      + 'This is a communication from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose." '
      + '(12 CFR 1006.18(e), 1006.6(d))',
    zh: `先请${debtorName}本人接听并核实身份，不得向其他任何人提及债务。然后说：“This is ${agencyName}. This is a communication from a debt collector. `
      + 'This is an attempt to collect a debt, and any information obtained will be used for that purpose.”（12 CFR 1006.18(e)、1006.6(d)）',
  };
}
