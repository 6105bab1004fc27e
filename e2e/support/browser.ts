import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`); LEEWAY_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.LEEWAY_CHROMIUM ?? '/usr/bin/chromium';

// Quiet, deterministic Chromium: no network of its own (updates, sync, QUIC probes) so the
// only traffic is the app's, and no sandbox because CI containers run as root.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's waits are shorter than vitest's test timeout so a failure names the step. */
const STEP_TIMEOUT_MS = 15_000;

export interface BrowserHarness {
  /**
   * A page in a brand-new context: no cookies, no localStorage. Contexts opened during a test
   * are closed after it, so every test starts signed out in a clean browser.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One Chromium per test file. `chromium.launch` gives the browser a fresh temporary profile
 * (user-data-dir) of its own and deletes it on close, so nothing leaks between runs.
 */
export function useBrowser(): BrowserHarness {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((context) => context.close()));
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    await browser?.close();
    browser = undefined;
  });

  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (browser === undefined) throw new Error('useBrowser(): the browser is not running (call newPage inside a test)');
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, ...options });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      contexts.push(context);
      return context.newPage();
    },
  };
}
