// Which Chromium the browser tests drive: CHROME_PATH, then Debian's /usr/bin/chromium, then a browser
// that `npx playwright install chromium` downloaded. `node e2e/browser.mjs` is run by `pnpm test:e2e`
// before anything is built, so a machine without a browser is told at once how to get one.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** @returns {{ path: string, source: string } | { error: string }} */
export function findChromium(env = process.env) {
  if (env.CHROME_PATH) {
    return existsSync(env.CHROME_PATH)
      ? { path: env.CHROME_PATH, source: 'CHROME_PATH' }
      : { error: `CHROME_PATH is set to ${env.CHROME_PATH}, which does not exist.` };
  }
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'Debian chromium' };
  let managed = '';
  try {
    managed = chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser registry entry for this platform.
  }
  if (managed && existsSync(managed)) return { path: managed, source: 'Playwright-managed' };
  return {
    error:
      'No Chromium for the browser tests: install one (Debian/Ubuntu: `apt-get install -y chromium fonts-noto-cjk`; elsewhere: `npx playwright install chromium`) or set CHROME_PATH.',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if ('error' in found) {
    console.error(found.error);
    process.exit(1);
  }
  console.log(`Browser tests use ${found.path} (${found.source}).`);
}
