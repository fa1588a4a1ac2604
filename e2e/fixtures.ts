import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { credentialsFile } from './global-setup';
import { baseURL } from './playwright.config';

export type Role = 'viewer' | 'sales' | 'pm' | 'leadership' | 'admin';
/** Accounts the specs sign in as; `throttled` is a viewer kept for the rate-limit spec. */
export type Account = Role | 'throttled';

export function credentials(role: Account): { email: string; password: string; name: string } {
  return JSON.parse(readFileSync(credentialsFile, 'utf8'))[role];
}

/** Signs in through Better Auth's endpoint and returns the session as a storage state. */
async function sessionFor(role: Role) {
  // A clean context (in a test, newContext would inherit the page's storage state), and the Origin a
  // browser would send.
  const ctx = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { email, password } = credentials(role);
  const res = await ctx.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin: baseURL } });
  expect(res.ok(), `sign-in as ${role}: ${res.status()}`).toBe(true);
  const state = await ctx.storageState();
  await ctx.dispose();
  return state;
}

interface Fixtures {
  /** Who the page is signed in as; null for a signed-out page. Set with test.use({ role }). */
  role: Role | null;
  api: Api;
}

export const test = base.extend<Fixtures>({
  role: ['pm', { option: true }],
  storageState: async ({ role }, use) => {
    await use(role ? await sessionFor(role) : { cookies: [], origins: [] });
  },
  api: async ({}, use) => {
    // The API fixture acts as admin, to check what the database holds whatever the page's role.
    const ctx = await playwrightRequest.newContext({ baseURL, storageState: await sessionFor('admin') });
    await use(new Api(ctx));
    await ctx.dispose();
  },
});
export { expect };

/** Reads through the same tRPC HTTP API the web uses. */
export class Api {
  constructor(readonly request: APIRequestContext) {}

  async query<T>(procedure: string, input?: unknown): Promise<T> {
    const url = input === undefined ? `/trpc/${procedure}` : `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await this.request.get(url);
    expect(res.ok(), `${procedure} answered ${res.status()}`).toBe(true);
    return (await res.json()).result.data as T;
  }

  async mutate(procedure: string, input: unknown) {
    return this.request.post(`/trpc/${procedure}`, { data: input });
  }

  currentPlan() {
    return this.query<PlanView>('plans.current');
  }
}

export interface ItemView {
  id: string;
  title: string;
  status: string;
  version: number;
  ownerName: string;
  dueDate: string | null;
}
export interface PlanView {
  id: string;
  name: string;
  phases: { id: string; key: string; name: string; deliverables: ItemView[]; gates: ItemView[] }[];
}

/** No serious or critical accessibility violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html.slice(0, 160)}`)).toEqual([]);
}
