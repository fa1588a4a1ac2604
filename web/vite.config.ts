import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const apiPort = process.env.PORT ?? '3000';
const webPort = Number(process.env.WEB_PORT ?? 5173);

/**
 * Writes a .br and a .gz beside every text asset of the build, so the server sends compressed files
 * without compressing per request (see docs/decisions/015-web-bundle-budget.md).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'aionis:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => /\.(js|css|html|svg|json)$/.test(f) && !f.startsWith('.vite'));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const data = await readFile(full);
          if (data.length < 1024) return;
          await writeFile(`${full}.br`, await promisify(brotliCompress)(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }));
          await writeFile(`${full}.gz`, await promisify(gzip)(data, { level: 9 }));
        }),
      );
    },
  };
}

// The libraries every signed-in page runs, in one long-cached chunk: a first visit otherwise fetches
// some fifty small shared chunks, six at a time over HTTP/1.1. Libraries only some pages use
// (recharts, markdown, date pickers, drag and drop, full zod for forms) keep their own lazy chunks;
// so do Mantine's components (see the `mantine` group). Decision 015 has the figures.
const alwaysNeededPackages = [
  ...['react', 'react-dom', 'scheduler', 'use-sync-external-store'],
  ...['@tanstack/react-router', '@tanstack/router-core', '@tanstack/history', '@tanstack/store', '@tanstack/react-store', 'seroval', 'seroval-plugins', 'cookie-es', 'tiny-invariant', 'tiny-warning'],
  ...['@tanstack/query-core', '@tanstack/react-query', '@trpc/client', '@trpc/server', '@trpc/tanstack-react-query'],
  ...['i18next', 'react-i18next', 'i18next-browser-languagedetector', 'dayjs'],
  ...['@mantine/hooks', '@mantine/notifications', '@floating-ui/react', '@floating-ui/react-dom', '@floating-ui/core', '@floating-ui/dom', '@floating-ui/utils', 'tabbable'],
  ...['react-remove-scroll', 'react-remove-scroll-bar', 'react-style-singleton', 'use-sidecar', 'use-callback-ref', 'get-nonce', 'detect-node-es'],
  ...['react-transition-group', 'dom-helpers', 'clsx', 'tslib', '@babel/runtime'],
];
// A package's files, installed directly or under pnpm's .pnpm/<name@version>/node_modules/.
const packageFiles = (names: string[]) =>
  new RegExp(`[\\\\/]node_modules[\\\\/](?:\\.pnpm[\\\\/][^\\\\/]+[\\\\/]node_modules[\\\\/])?(?:${names.map((n) => n.replace(/[/.]/g, (c) => (c === '/' ? '[\\\\/]' : '\\.'))).join('|')})[\\\\/]`);

const alwaysNeeded = packageFiles(alwaysNeededPackages);
// useHotkeys only the lazily loaded command palette runs (inside Mantine Spotlight): it stays with the palette.
const paletteOnly = /[\\/]@mantine[\\/]hooks[\\/].*[\\/]use-hotkeys[\\/]/;

export default defineConfig({
  plugins: [tanstackRouter({ target: 'react', autoCodeSplitting: true }), react(), precompress()],
  resolve: {
    alias: { '@server': fileURLToPath(new URL('../server/src', import.meta.url)) },
  },
  server: {
    port: webPort,
    strictPort: true,
    // The API keeps the browser's Host and Origin (http://localhost:5173), which `pnpm dev` gives the
    // server as its PUBLIC_URL, so sign-in and the cross-site checks work through the proxy.
    proxy: Object.fromEntries(['/trpc', '/api', '/healthz'].map((prefix) => [prefix, `http://127.0.0.1:${apiPort}`])),
  },
  build: {
    sourcemap: true,
    // The manifest lets bench/src/web.ts follow the import graph of a route.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: (id) => alwaysNeeded.test(id) && !paletteOnly.test(id), priority: 2 },
            // The Mantine components at least eight chunks share (the shell's and most pages'); the rest
            // stay with the pages that use them.
            { name: 'mantine', test: packageFiles(['@mantine/core']), minShareCount: 8, priority: 1 },
          ],
        },
      },
    },
  },
});
