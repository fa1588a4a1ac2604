// Creates one user per role through the admin API (as an admin would) and records their one-time
// passwords for the fixtures, which then sign in by API rather than through the form.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from '@playwright/test';
import { admin, baseURL } from './playwright.config';

export const credentialsFile = path.join(import.meta.dirname, '.auth', 'users.json');
const accounts = [
  ['viewer', 'viewer'],
  ['sales', 'sales'],
  ['pm', 'pm'],
  ['leadership', 'leadership'],
  ['throttled', 'viewer'],
] as const;

export default async function globalSetup() {
  const api = await request.newContext({ baseURL });
  const signIn = await api.post('/api/auth/sign-in/email', { data: admin, headers: { origin: baseURL } });
  if (!signIn.ok()) throw new Error(`admin sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  const users: Record<string, { email: string; password: string; name: string }> = { admin: { ...admin, name: 'E2E Admin' } };
  for (const [account, role] of accounts) {
    const name = `E2E ${account[0]!.toUpperCase()}${account.slice(1)}`;
    const email = `e2e-${account}@example.test`;
    const res = await api.post('/trpc/users.create', { data: { name, email, role } });
    if (!res.ok()) throw new Error(`creating ${account} failed: ${res.status()} ${await res.text()}`);
    users[account] = { email, password: (await res.json()).result.data.oneTimePassword, name };
  }
  await mkdir(path.dirname(credentialsFile), { recursive: true });
  await writeFile(credentialsFile, JSON.stringify(users, null, 2));
  await api.dispose();
}
