// pnpm size — the web build's size budget, in bytes (never a timing): the gzip JavaScript the first
// route (`/`) needs by Vite's import graph, and the gzip CSS of the whole build. Fails when either is
// over its budget in bench/size-budget.json, so features still to come cannot slowly undo the work of
// keeping the first paint small. Lower a budget when a figure drops; raise one only with a reason in
// the commit. Needs a build (`pnpm build`); `pnpm test` leaves one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { measureBundle } from './web.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../../web/dist');
const budgetFile = path.resolve(here, '../size-budget.json');
const budget = JSON.parse(readFileSync(budgetFile, 'utf8')) as { firstRouteJsGzip: number; cssGzip: number };

const bundle = await measureBundle(distDir, '/');
const assets = path.join(distDir, 'assets');
const cssGzip = readdirSync(assets)
  .filter((f) => f.endsWith('.css'))
  .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);

const rows = [
  { figure: 'first route (/) JavaScript, gzip', bytes: bundle.totalGzip, budget: budget.firstRouteJsGzip, files: bundle.files.length },
  { figure: 'all CSS, gzip', bytes: cssGzip, budget: budget.cssGzip, files: undefined },
];
let over = false;
for (const row of rows) {
  const ok = row.bytes <= row.budget;
  over ||= !ok;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${row.figure}: ${kb(row.bytes)} (${row.bytes} B${row.files ? ` in ${row.files} files` : ''}) of ${kb(row.budget)} budget`);
}
if (over) {
  console.log('\nThe largest first-route files:');
  for (const f of bundle.files.slice(0, 8)) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.error(`\nOver the size budget (${path.relative(process.cwd(), budgetFile)}): load the new code lazily, or cut what the first route runs.`);
  process.exit(1);
}
