import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

/** Debian's Chromium; CI installs the `chromium` package, and no browser is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The player starts playback after a click on a finding, but only once the seek has finished.
  // Chromium may no longer count that delayed start as part of the click's user gesture.
  '--autoplay-policy=no-user-gesture-required',
];

/** The screen size of the screenshots in docs/screenshots. */
export const VIEWPORT = { width: 1366, height: 768 };

/**
 * Starts headless Chromium. Playwright gives the browser a fresh temporary profile folder, and every
 * context has its own cookies, so each role signs in separately.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function newRussianContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: VIEWPORT, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
}
