import { describe, expect, it } from 'vitest';
import { publicUrl, recordingUrlTemplate } from './config.ts';

describe('LEEWAY_RECORDING_URL', () => {
  it("is the call centre's player, {ref} where the recording reference goes", () => {
    expect(recordingUrlTemplate(undefined)).toBeNull();
    expect(recordingUrlTemplate(' ')).toBeNull();
    expect(recordingUrlTemplate(' https://cti.example.cn/recordings/{ref} ')).toBe('https://cti.example.cn/recordings/{ref}');
    expect(recordingUrlTemplate('http://10.0.0.5:8080/play?id={ref}')).toBe('http://10.0.0.5:8080/play?id={ref}');
  });

  it('refuses an address without {ref}, or not http(s), saying what is expected', () => {
    for (const bad of ['https://cti.example.cn/recordings/', 'ftp://cti.example.cn/{ref}', 'not a url {ref}', 'javascript:alert({ref})']) {
      expect(() => recordingUrlTemplate(bad), bad).toThrow(/LEEWAY_RECORDING_URL must be an http\(s\) address with \{ref\}/);
    }
  });
});

describe('LEEWAY_PUBLIC_URL', () => {
  it('is the http(s) address debtors reach the server at, without a trailing slash; unset is none', () => {
    expect(publicUrl(undefined)).toBeNull();
    expect(publicUrl('')).toBeNull();
    expect(publicUrl(' https://pay.agency.example/ ')).toBe('https://pay.agency.example');
    expect(publicUrl('http://10.0.0.5:8080/leeway')).toBe('http://10.0.0.5:8080/leeway');
  });

  it('refuses what is not such an address, saying what is expected', () => {
    for (const bad of ['pay.agency.example', 'ftp://pay.agency.example', 'https://pay.agency.example/?x=1', 'https://pay.agency.example/#top']) {
      expect(() => publicUrl(bad), bad).toThrow(/LEEWAY_PUBLIC_URL must be the http\(s\) address debtors reach this server at/);
    }
  });
});
