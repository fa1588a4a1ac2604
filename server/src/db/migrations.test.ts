import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('committed migrations', () => {
  // The schema engine runs in a plain Node process (it misbehaves inside Vitest's module runner).
  it('agree with schema.prisma (run `pnpm db:migration:new <name>` after changing the schema)', async () => {
    const script = fileURLToPath(new URL('./check-migrations.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: path.dirname(script) });
    expect(stdout.trim()).toBe('');
  }, 120_000);
});
