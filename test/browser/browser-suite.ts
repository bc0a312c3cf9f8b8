import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import { REPO_ROOT } from '../corpus.ts';
import { launchChromium } from './chromium-browser.ts';
import { startSeededServer } from './seeded-server.ts';
import type { SeededServer } from './seeded-server.ts';

/**
 * Where the page screenshots go: a temporary folder by default, so a test run leaves the tree clean;
 * `OKK_SCREENSHOT_DIR=docs/screenshots` refreshes the documented ones.
 */
export const SCREENSHOTS = process.env.OKK_SCREENSHOT_DIR
  ? path.resolve(REPO_ROOT, process.env.OKK_SCREENSHOT_DIR)
  : path.join(tmpdir(), 'okk-screenshots');

/**
 * Registers the hooks of a browser test file. Before its tests, Chromium and a seeded server start (the
 * UI must be built) and `onReady` receives both. After them, both stop.
 */
export function useBrowserSuite(onReady: (started: { server: SeededServer; browser: Browser }) => void): void {
  let server: SeededServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist has no build of the UI: run npm run build:web before the browser tests');
    }
    browser = await launchChromium();
    server = await startSeededServer();
    await mkdir(SCREENSHOTS, { recursive: true });
    onReady({ server, browser });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // Undefined when seeding failed; the failure is reported by beforeAll.
    await server?.close();
  });
}

/** Saves a screenshot of the page under `name` in `SCREENSHOTS`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Fonts and charts settle after the data arrives; the shot waits for both, with no tooltip open.
  await page.mouse.move(1365, 767);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
