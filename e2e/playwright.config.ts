import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './browser.mjs';

// Two built servers, each on a throw-away embedded database: the main one with an admin created from
// the environment (as an unattended install would), and a fresh one with no users for first-run setup.
const port = Number(process.env.E2E_PORT ?? 3100);
const stamp = Date.now();
export const baseURL = `http://127.0.0.1:${port}`;
export const freshURL = `http://127.0.0.1:${port + 1}`;
export const admin = { email: 'e2e-admin@example.test', password: 'e2e-admin-password-long' };

const browser = findChromium();
if ('error' in browser) throw new Error(browser.error);

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const server = (p: number, extra: Record<string, string>) => ({
  command: `node ../server/dist/main.js`,
  url: `http://127.0.0.1:${p}/healthz`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: {
    PORT: String(p),
    DATA_DIR: path.join(os.tmpdir(), `aionis-e2e-${stamp}-${p}`),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATABASE_URL: '',
    PUBLIC_URL: `http://127.0.0.1:${p}`,
    ...extra,
  },
});

export default defineConfig({
  testDir: 'tests',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1, // one server and database shared by the specs; the machine has two cores
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: browser.path, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    // Evidence links in the specs point at this server itself, so the link checker may call loopback.
    server(port, { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, ADMIN_NAME: 'E2E Admin', LINK_CHECK_ALLOW_PRIVATE: 'true' }),
    server(port + 1, {}),
  ],
});
