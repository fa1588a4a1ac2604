// Notifications (issue 14): leadership assigns an action item in the weekly review; the pm's bell
// counts it within two seconds, the panel leads to the review, and a kind switched off stays out.
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { credentials, expect, expectAccessible, test } from '../fixtures';
import { baseURL } from '../playwright.config';

async function leadershipContext(browser: Browser): Promise<BrowserContext> {
  const req = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { email, password } = credentials('leadership');
  const res = await req.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin: baseURL } });
  expect(res.ok()).toBe(true);
  const storageState = await req.storageState();
  await req.dispose();
  return browser.newContext({ storageState, baseURL });
}

/** The unread count the bell announces (its accessible name), 0 when it shows none. */
async function unread(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

async function assignInReview(lead: Page, title: string) {
  await lead.goto('/reviews');
  await lead.getByRole('button', { name: "Open this week's review" }).click();
  await expect(lead).toHaveURL(/\/reviews\/\d{4}-\d{2}-\d{2}$/);
  const actions = lead.getByTestId('action-items');
  await actions.getByRole('button', { name: 'Add an action item' }).click();
  await actions.getByRole('textbox', { name: 'What' }).fill(title);
  await actions.getByLabel('Owner').click();
  await lead.getByRole('option', { name: credentials('pm').name }).click();
  await actions.getByRole('button', { name: 'Save' }).click();
  await expect(actions.getByTestId('action-item').filter({ hasText: title })).toBeVisible();
  return lead.url().split('/').at(-1)!;
}

test.describe('notifications', () => {
  // Two signed-in browsers and the review page on a shared two-core machine.
  test.describe.configure({ timeout: 60_000 });
  test('an action item assigned in the review reaches the pm\'s bell within 2 s and leads to the review', async ({ page, browser }) => {
    await page.goto('/');
    await expect(page.getByTestId('notification-bell')).toBeVisible();
    const before = await unread(page);

    const other = await leadershipContext(browser);
    const lead = await other.newPage();
    const week = await assignInReview(lead, 'Send the recall benchmark to Acme');
    await expect.poll(() => unread(page), { timeout: 2_000, intervals: [100] }).toBe(before + 1);

    await page.getByTestId('notification-bell').click();
    const panel = page.getByTestId('notification-panel');
    const item = panel.getByTestId('notification-item').filter({ hasText: 'assigned you an action item: Send the recall benchmark to Acme' });
    await expect(item).toHaveAttribute('data-unread', 'true');
    await expect(item).toContainText(credentials('leadership').name);
    await expectAccessible(page);
    await item.click();
    await expect(page).toHaveURL(new RegExp(`/reviews/${week}$`));
    await expect.poll(() => unread(page)).toBe(before);

    // The inbox page lists it, read.
    await page.goto('/notifications');
    await expect(page.getByTestId('notification-item').filter({ hasText: 'Send the recall benchmark to Acme' })).not.toHaveAttribute('data-unread', 'true');
    await other.close();
  });

  test('a kind switched off in the console does not arrive there; switched on, the next one does', async ({ page, browser }) => {
    await page.goto('/notifications/settings');
    await expect(page.getByTestId('email-off')).toHaveText('Email is not configured on this server.');
    const inApp = page.getByRole('switch', { name: 'Action item assigned to me: In the console' });
    await expect(inApp).toBeChecked();
    await inApp.click();
    await expect(page.getByText('Saved')).toBeVisible();
    await expect(inApp).not.toBeChecked();
    const before = await unread(page);

    const other = await leadershipContext(browser);
    const lead = await other.newPage();
    await assignInReview(lead, 'Quietly assigned item');
    await page.waitForTimeout(2_500);
    expect(await unread(page)).toBe(before);

    await inApp.click();
    await expect(inApp).toBeChecked();
    await assignInReview(lead, 'Loudly assigned item');
    await expect.poll(() => unread(page), { timeout: 2_000, intervals: [100] }).toBe(before + 1);
    await page.goto('/notifications');
    await expect(page.getByTestId('notification-item').filter({ hasText: 'Loudly assigned item' })).toBeVisible();
    await expect(page.getByTestId('notification-item').filter({ hasText: 'Quietly assigned item' })).toHaveCount(0);
    await other.close();
  });
});
