import { describe, expect, it } from 'vitest';
import { languageToAsk, readsSpanish, underNewYorkCityRules } from './language.ts';

describe('who is written to in Spanish', () => {
  it('a debtor who reads Spanish, under a US contract only', () => {
    expect(readsSpanish('US', 'es')).toBe(true);
    expect(readsSpanish('US', 'en')).toBe(false);
    expect(readsSpanish('US', null)).toBe(false);
    for (const pack of ['UK', 'CN', null]) expect(readsSpanish(pack, 'es')).toBe(false);
  });
});

describe("New York City's language access rules", () => {
  it('apply under a US contract to a New York debtor, and to one whose state is not known (held to the strictest rules)', () => {
    expect(underNewYorkCityRules('US', 'US-NY')).toBe(true);
    expect(underNewYorkCityRules('US', null)).toBe(true);
    expect(underNewYorkCityRules('US', 'US-NJ')).toBe(false);
    expect(underNewYorkCityRules('UK', null)).toBe(false);
    expect(underNewYorkCityRules('CN', null)).toBe(false);
  });
  it('have the collector ask for the language until one is recorded, whatever it is', () => {
    expect(languageToAsk('US', 'US-NY', null)?.en).toBe('New York City\'s rules: before collecting, ask which language the customer prefers and record it under "Writes in".');
    expect(languageToAsk('US', null, null)?.zh).toBe('纽约市规定：催收前须询问客户希望使用的语言，并在“书面语言”中记录。');
    for (const language of ['en', 'es', 'zh', 'vi']) expect(languageToAsk('US', 'US-NY', language)).toBeNull();
    expect(languageToAsk('US', 'US-CA', null)).toBeNull();
    expect(languageToAsk('CN', null, null)).toBeNull();
  });
});
