// The sign-in throttle under concurrency, and whose address it counts (TRUST_PROXY). A password is
// "checked" when the answer is not 429: Better Auth compared it (401 wrong, 200 right).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from '../test/test-db.js';
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_IP } from './login-throttle.js';

const BURST = 40;
const WRONG = 'wrong-password-wrong';

describe('sign-in throttle', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  const hops = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL, trustProxy: 1 });
  const proxies = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL, trustProxy: ['10.77.0.0/16', '::1'] });
  afterAll(async () => {
    await Promise.all([app.close(), hops.close(), proxies.close()]);
  });

  const password = 'the-right-passphrase-for-all';
  const accounts = Array.from({ length: 5 }, (_, i) => `throttle${i}@example.test`);
  beforeAll(async () => {
    for (const email of accounts) await services.auth.api.createUser({ body: { name: email, email, password, role: 'viewer' as 'admin' } });
  });

  const signIn = (email: string, pass: string, remoteAddress: string, headers: Record<string, string> = {}, on = app) =>
    on.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password: pass }, remoteAddress, headers }).then((r) => r.statusCode);
  const tally = (statuses: number[]) => {
    const counts: Record<number, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    return counts;
  };

  it(`${BURST} parallel wrong passwords for one account from one address: exactly ${LOGIN_MAX_FAILURES} are checked`, async () => {
    const statuses = await Promise.all(Array.from({ length: BURST }, () => signIn(accounts[0]!, WRONG, '10.10.0.1')));
    expect(tally(statuses)).toEqual({ 401: LOGIN_MAX_FAILURES, 429: BURST - LOGIN_MAX_FAILURES });
  });

  it(`${BURST} parallel wrong passwords for one account from ${BURST} addresses: exactly ${LOGIN_MAX_FAILURES} are checked`, async () => {
    const statuses = await Promise.all(Array.from({ length: BURST }, (_, i) => signIn(accounts[1]!, WRONG, `10.11.0.${i}`)));
    expect(tally(statuses)).toEqual({ 401: LOGIN_MAX_FAILURES, 429: BURST - LOGIN_MAX_FAILURES });
  });

  it(`${BURST - 1} wrong and 1 right at once: at most ${LOGIN_MAX_FAILURES} wrong ones checked, and the limit then holds for the right one`, async () => {
    const email = accounts[2]!;
    const burst = Array.from({ length: BURST }, (_, i) => (i === BURST - 1 ? password : WRONG));
    const statuses = await Promise.all(burst.map((pass, i) => signIn(email, pass, `10.12.0.${i}`)));
    const counts = tally(statuses);
    expect(counts[401]).toBe(LOGIN_MAX_FAILURES);
    // The right password signs in only if it was counted before the limit was reached (then it takes
    // its attempt back, so one more wrong one may be counted in its place).
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual(statuses[BURST - 1] === 200 ? [200] : []);
    expect(await signIn(email, password, '10.12.1.1')).toBe(429);
  });

  it(`${BURST} parallel wrong passwords across ${BURST} accounts from one address: exactly ${LOGIN_MAX_FAILURES_PER_IP} are checked`, async () => {
    const statuses = await Promise.all(Array.from({ length: BURST }, (_, i) => signIn(`other${i}@example.test`, WRONG, '10.13.0.1')));
    expect(tally(statuses)).toEqual({ 401: LOGIN_MAX_FAILURES_PER_IP, 429: BURST - LOGIN_MAX_FAILURES_PER_IP });
    expect(await signIn(accounts[3]!, password, '10.13.0.1')).toBe(429);
  });

  it('a successful sign-in takes its attempt back: it counts against neither account nor address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_MAX_FAILURES_PER_IP; i++) statuses.push(await signIn(accounts[4]!, password, '10.14.0.1'));
    expect(tally(statuses)).toEqual({ 200: LOGIN_MAX_FAILURES_PER_IP + 1 });
  });

  // Whose address is counted: the address's count is brought to its limit directly, then one sign-in
  // shows whether that address was the one counted (429) or not (401, and a failure for the right one).
  const fill = (ip: string) => db.prisma.loginFailure.createMany({ data: Array.from({ length: LOGIN_MAX_FAILURES_PER_IP }, () => ({ key: `ip:${ip}` })) });
  const failures = (ip: string) => db.prisma.loginFailure.count({ where: { key: `ip:${ip}` } });
  let n = 0;
  const guess = (remote: string, forwardedFor: string, on = app) => signIn(`proxied${n++}@example.test`, WRONG, remote, { 'x-forwarded-for': forwardedFor }, on);

  it('TRUST_PROXY off: a spoofed X-Forwarded-For is ignored, the connection address is counted', async () => {
    await fill('10.15.0.1');
    expect(await guess('10.15.0.1', '203.0.113.1')).toBe(429);
    await fill('203.0.113.7');
    expect(await guess('10.15.0.2', '203.0.113.7')).toBe(401);
    expect(await failures('10.15.0.2')).toBe(1);
  });

  it('TRUST_PROXY as a hop count: the address the nearest proxy saw is counted, not the proxy', async () => {
    await fill('10.16.0.1');
    expect(await guess('10.16.0.1', '203.0.113.1', hops)).toBe(401);
    expect(await failures('203.0.113.1')).toBe(1);
    // An address the client puts in front itself is not believed: one hop is trusted, not two.
    await fill('203.0.113.50');
    expect(await guess('10.16.0.1', '198.51.100.1, 203.0.113.50', hops)).toBe(429);
    expect(await guess('10.16.0.1', '203.0.113.50, 198.51.100.2', hops)).toBe(401);
    expect(await failures('198.51.100.2')).toBe(1);
  });

  it('TRUST_PROXY as addresses and CIDRs: only those proxies are believed', async () => {
    await fill('10.77.0.1');
    expect(await guess('10.77.0.1', '192.0.2.1', proxies)).toBe(401);
    expect(await failures('192.0.2.1')).toBe(1);
    // One client through either trusted proxy is one address.
    await fill('192.0.2.250');
    expect(await guess('10.77.0.0', '192.0.2.250', proxies)).toBe(429);
    expect(await guess('10.77.200.9', '192.0.2.250', proxies)).toBe(429);
    // A sender outside the list is its own address, whatever it forwards.
    await fill('10.78.0.1');
    expect(await guess('10.78.0.1', '192.0.2.3', proxies)).toBe(429);
    expect(await guess('10.78.0.2', '192.0.2.250', proxies)).toBe(401);
    expect(await failures('10.78.0.2')).toBe(1);
  });
});
