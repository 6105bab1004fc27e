/**
 * Where a call's recording is played: the call centre's player, from the template the server
 * sends with the signed-in user (LEEWAY_RECORDING_URL, `{ref}` standing for the recording
 * reference). Without one, a reference is shown as text.
 */
let template: string | null = null;

export function setRecordingUrl(value: string | null): void {
  template = value;
}

export function recordingLink(ref: string | null): string | null {
  if (ref === null || ref === '' || template === null) return null;
  return template.replaceAll('{ref}', encodeURIComponent(ref));
}
