import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests for the web's pure helpers (lib/ and the features' rules); no browser, no server. The
// pages themselves are covered by the Playwright suite in e2e/.
export default defineConfig({
  resolve: {
    alias: { '@server': fileURLToPath(new URL('../server/src', import.meta.url)) },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
