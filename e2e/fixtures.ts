import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ api: Api }>({
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
});
export { expect };

type Request = Parameters<Parameters<typeof base>[2]>[0]['request'];

/** Reads through the same tRPC HTTP API the web uses, to check what the database holds. */
class Api {
  constructor(private readonly request: Request) {}

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
