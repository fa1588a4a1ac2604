// The checkout the scripts run from: where it is, which commit it is at, and its build brought up to
// date, so that `pnpm bench` and `pnpm load` work on a fresh clone with nothing built yet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const builtServer = path.join(repoRoot, 'server', 'dist', 'main.js');
export const builtWeb = path.join(repoRoot, 'web', 'dist');

/** The newest modification time of the files below `dir` (built and generated output left out). */
function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'generated'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Runs `pnpm build` when server/dist or web/dist is missing or older than the sources it is built from. */
export function buildIfStale(log: (line: string) => void = console.log): void {
  const builtAt = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);
  const built = Math.min(builtAt(builtServer), builtAt(path.join(builtWeb, 'index.html')));
  const sources = Math.max(...['server/src', 'web/src', 'prisma'].map((dir) => newestSource(path.join(repoRoot, dir))));
  if (built > 0 && sources <= built) return;
  log(built === 0 ? 'Building (no build yet)…' : 'Building (sources are newer than the build)…');
  const result = spawnSync('pnpm', ['build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`pnpm build failed (exit ${result.status})`);
}

/** The short commit, marked when the working tree has uncommitted changes; 'unknown' outside git. */
export function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
