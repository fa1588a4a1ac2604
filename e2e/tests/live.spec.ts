// Live updates: two people with the same page open; a change by one shows for the other within two
// seconds, without reloading. And when the stream breaks, the header says so and the page catches up.
import { request as playwrightRequest, type Browser, type BrowserContext } from '@playwright/test';
import { credentials, expect, test, type Api } from '../fixtures';
import { baseURL } from '../playwright.config';

/** A second browser, signed in as leadership, as another person at another desk. */
async function leadershipContext(browser: Browser): Promise<BrowserContext> {
  const req = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { email, password } = credentials('leadership');
  const res = await req.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin: baseURL } });
  expect(res.ok()).toBe(true);
  const storageState = await req.storageState();
  await req.dispose();
  return browser.newContext({ storageState, baseURL });
}

async function gateTitled(api: Api, title: string) {
  const gate = (await api.currentPlan()).phases.flatMap((p) => p.gates).find((g) => g.title === title);
  expect(gate, title).toBeTruthy();
  return gate!;
}

test.describe('live updates', () => {
  test('a pm sets a gate on track; leadership, on the same gate, sees it within 2 s', async ({ page, browser, api }) => {
    const gate = await gateTitled(api, 'Key website pages reachable (usable on mobile)');
    const other = await leadershipContext(browser);
    const theirs = await other.newPage();
    await theirs.goto(`/gates/${gate.id}`);
    await page.goto(`/gates/${gate.id}`);
    await expect(theirs.getByTestId('gate-status')).toHaveText('Pending');
    await expect(page.getByTestId('gate-status')).toHaveText('Pending');

    await page.getByRole('button', { name: 'Set status' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status').click();
    await page.getByRole('option', { name: 'On track' }).click();
    await dialog.getByLabel(/^Reason/).fill('Mobile checks pass on the three key pages');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await expect(theirs.getByTestId('gate-status')).toHaveText('On track', { timeout: 2_000 });
    await expect(theirs.getByTestId('gate-history')).toContainText('Mobile checks pass on the three key pages', { timeout: 2_000 });
    await other.close();
  });

  test('a deliverable marked in progress on the phase page shows on the other screen within 2 s', async ({ page, browser }) => {
    const title = 'Platform Design Partner programme (limited)';
    const other = await leadershipContext(browser);
    const theirs = await other.newPage();
    await theirs.goto('/phases/C');
    await page.goto('/phases/C');
    const theirRow = theirs.getByTestId('deliverable-row').filter({ hasText: title });
    await expect(theirRow.getByTestId('status-menu')).toHaveText(/Not started/);

    const row = page.getByTestId('deliverable-row').filter({ hasText: title });
    await row.getByRole('button', { name: /change status of/ }).click();
    await page.getByRole('menuitem', { name: 'In progress' }).click();
    await expect(row.getByTestId('status-menu')).toHaveText(/In progress/);

    await expect(theirRow.getByTestId('status-menu')).toHaveText(/In progress/, { timeout: 2_000 });
    await other.close();
  });

  test('when the stream cannot connect the header says so, and once it does the page catches up', async ({ page, api }) => {
    const title = 'Key website pages reachable (usable on mobile)';
    // The stream is refused (a proxy in the way, the server restarting) while the page itself loads.
    await page.route('**/trpc/live.changes**', (route) => route.abort());
    const gate = await gateTitled(api, title);
    await page.goto(`/gates/${gate.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const paused = page.getByRole('status', { name: 'Live updates paused — reconnecting' });
    await expect(paused).toBeVisible({ timeout: 10_000 });

    // Someone else changes the gate while this page hears nothing.
    const res = await api.mutate('gates.update', { id: gate.id, version: gate.version, ownerName: 'Owner while paused' });
    expect(res.ok()).toBe(true);
    await page.waitForTimeout(500);
    await expect(page.getByText('Owner: Owner while paused')).toHaveCount(0);

    // The stream gets through again (within the client's backoff) and the page refetches what it shows.
    await page.unroute('**/trpc/live.changes**');
    await expect(page.getByText('Owner: Owner while paused')).toBeVisible({ timeout: 20_000 });
    await expect(paused).toHaveCount(0);
  });
});
