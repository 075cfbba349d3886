import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Debian's Chromium, headless, with a fresh profile and no network of its own (CI installs it; see .ci/run). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Browser tests must run in CI; elsewhere a missing Chromium is said loudly, then skipped. */
export function requireChromium(): boolean {
  if (hasChromium) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: CI must run the browser tests (apt-get install chromium).`);
  process.stderr.write(`\n\u001b[33m⚠ Chromium is missing at ${CHROMIUM}: the browser tests do NOT run (apt-get install chromium).\u001b[0m\n`);
  return false;
}
