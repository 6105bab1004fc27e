import { afterAll, beforeAll } from 'vitest';
import { buildWeb } from '../../src/http/build-web.ts';
import { startLeeway, type RunningLeeway } from '../../test/support/server.ts';
import type { Login } from './api.ts';

export interface LeewayHarness {
  /** The running server's base URL. */
  readonly url: string;
  readonly logins: readonly Login[];
  /** The demo's first login of a role. */
  login(role: string): Login;
}

/**
 * The server of a test file: the web app built from the current sources and Leeway started
 * with the demo portfolio before the file's tests, stopped after them. Read its fields inside
 * the tests (they exist once the file's beforeAll has run).
 */
export function useLeeway(options: Parameters<typeof startLeeway>[0]): LeewayHarness {
  let running: RunningLeeway | undefined;
  beforeAll(async () => {
    await buildWeb();
    running = await startLeeway(options);
  });
  afterAll(async () => { await running?.stop(); });
  const current = (): RunningLeeway => {
    if (!running) throw new Error('Leeway is not started yet: read it inside a test');
    return running;
  };
  return {
    get url() { return current().url; },
    get logins() { return current().logins; },
    login(role: string): Login {
      const found = current().logins.find((l) => l.role === role);
      if (!found) throw new Error(`startLeeway() lists no ${role} login`);
      return found;
    },
  };
}
