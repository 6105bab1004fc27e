import { describe, expect, it } from 'vitest';
import { callDisclosure } from './disclosure.ts';

describe('what a collector says first on a call', () => {
  it('under a US contract: confirm the debtor, then the debt collector disclosure (1006.18(e)); nothing under other packs', () => {
    const us = callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe')!;
    expect(us.en).toMatch(/^First ask for Jane Doe and confirm it is them; say nothing about the debt to anyone else\. Then say: "This is Leeway Recovery LLC\. This is a communication from a debt collector\./);
    expect(us.zh).toContain('先请Jane Doe本人接听并核实身份');
    expect(callDisclosure('CN', 'x', 'y')).toBeNull();
    expect(callDisclosure('UK', 'x', 'y')).toBeNull();
  });
});
