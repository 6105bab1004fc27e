import { describe, expect, it } from 'vitest';
import { recordingUrlTemplate } from './config.ts';

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
