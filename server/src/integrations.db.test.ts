// docs/integrations.md's shell script, run as a pipeline would against a real server on a local port.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from './test/test-db.js';

const script = fileURLToPath(new URL('../../scripts/report-gate-run.sh', import.meta.url));
const run = promisify(execFile);

describe('scripts/report-gate-run.sh', async () => {
  const db = await createTestDb();
  await seedIfEmpty(db.prisma);
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  await app.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => app.close());
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const admin = callerFor(services, await createTestUser(db, 'admin'));
  const { token } = await admin.tokens.create({ name: 'github actions', scopes: ['gate-runs:write'] });
  const report = (args: string[], env: Record<string, string> = {}) =>
    run('sh', [script, ...args], { env: { PATH: process.env.PATH!, AIONIS_URL: url, AIONIS_TOKEN: token, ...env } });

  it('records a run with commit and branch from GitHub’s variables, and the same run again changes nothing', async () => {
    const args = ['B.production-gates', 'passed', 'https://github.com/aionis/core/actions/runs/7', 'gh-7', 'All 212 checks "green"\nno flakes'];
    const env = { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', GITHUB_REF_NAME: 'main', RAN_AT: '2026-03-09T08:30:00Z' };
    const first = JSON.parse((await report(args, env)).stdout);
    expect(first).toMatchObject({ created: true, gate: { key: 'B.production-gates' } });
    const stored = await db.prisma.evidence.findUniqueOrThrow({ where: { id: first.evidenceId } });
    expect(stored).toMatchObject({ runId: 'gh-7', result: 'PASSED', commit: env.GITHUB_SHA, branch: 'main', note: 'All 212 checks "green"\nno flakes', addedByName: 'service token github actions' });
    expect(JSON.parse((await report(args, env)).stdout)).toMatchObject({ created: false, evidenceId: first.evidenceId });
  });

  it('fails with the console’s message for a bad key or a bad token, and on missing arguments', async () => {
    await expect(report(['B.nope', 'passed', 'https://ci.example/1', 'x'])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/400[\s\S]*no gate B\.nope/) });
    await expect(report(['B.production-gates', 'passed', 'https://ci.example/1', 'x'], { AIONIS_TOKEN: 'nope' })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/401/) });
    await expect(report(['B.production-gates'])).rejects.toMatchObject({ code: 2 });
  });
});
