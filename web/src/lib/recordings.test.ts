import { afterEach, describe, expect, it } from 'vitest';
import { recordingLink, setRecordingUrl } from './recordings.ts';

describe('recordingLink', () => {
  afterEach(() => setRecordingUrl(null));

  it("is the call centre's player with the reference in it, encoded", () => {
    setRecordingUrl('https://cti.example.cn/play?call={ref}&from=leeway');
    expect(recordingLink('rec-001')).toBe('https://cti.example.cn/play?call=rec-001&from=leeway');
    expect(recordingLink('2026/03/02 #7')).toBe('https://cti.example.cn/play?call=2026%2F03%2F02%20%237&from=leeway');
  });

  it('is none without a template or without a reference', () => {
    expect(recordingLink('rec-001')).toBeNull();
    setRecordingUrl('https://cti.example.cn/r/{ref}');
    expect(recordingLink(null)).toBeNull();
    expect(recordingLink('')).toBeNull();
  });
});
