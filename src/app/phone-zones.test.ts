import { describe, expect, it } from 'vitest';
import { phoneTimeZones } from './phone-zones.ts';

describe('phoneTimeZones: the zones of a number\'s area, from libphonenumber\'s map', () => {
  it('reads a US number\'s area code', () => {
    expect(phoneTimeZones('+12065550100')).toEqual(['America/Los_Angeles']);   // Seattle
    expect(phoneTimeZones('+16465550123')).toEqual(['America/New_York']);      // New York
    expect(phoneTimeZones('+12175550100')).toEqual(['America/Chicago']);       // Illinois
    expect(phoneTimeZones('+19075550100')).toEqual(['America/Adak', 'America/Anchorage']); // Alaska: both of its zones
  });

  it('an area split between zones names both; the longest matching prefix wins', () => {
    expect(phoneTimeZones('+12085550123')).toEqual(['America/Boise', 'America/Los_Angeles']); // Idaho
  });

  it('a number without a place (toll-free) names every zone of its numbering plan', () => {
    const zones = phoneTimeZones('+18005550100')!;
    expect(zones).toEqual(expect.arrayContaining(['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'America/Toronto']));
  });

  it('reads UK numbers; a number not in international form is not looked up', () => {
    expect(phoneTimeZones('+447700900123')).toContain('Europe/London');
    expect(phoneTimeZones('13812345678')).toBeNull();  // Chinese numbers are stored without +86
    expect(phoneTimeZones('+1 206 555 0100')).toBeNull();
    expect(phoneTimeZones('')).toBeNull();
  });
});
