import { request as playwrightRequest } from '@playwright/test';
import { expect, expectAccessible, test } from '../fixtures';
import { baseURL } from '../playwright.config';

/** A machine client: no session cookie, only what it sends. */
const machine = () => playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });

test.describe('metrics', () => {
  test('a pm enters a value in the grid, is warned before leaving unsaved, and sees the value in the chart after reload', async ({ page }) => {
    await page.goto('/metrics?view=grid');
    const grid = page.getByTestId('values-grid');
    // The first row is the current week.
    const cell = grid.locator('tbody tr').first().getByLabel(/^Quickstarts completed, week of/);
    await expect(cell).toBeVisible();
    await expectAccessible(page);
    await cell.fill('1234');
    await expect(page.getByRole('button', { name: 'Save 1 change' })).toBeEnabled();

    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    const warning = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: 'Stay' }).click();
    await expect(page).toHaveURL(/\/metrics/);
    await expect(cell).toHaveValue('1,234');

    await page.getByRole('button', { name: 'Save 1 change' }).click();
    await expect(page.getByText('Saved 1 value')).toBeVisible();
    await expect(page.getByRole('button', { name: 'No changes' })).toBeDisabled();

    await page.goto('/metrics');
    await page.reload();
    const card = page.locator('[data-metric="quickstart_complete"]');
    await expect(card.getByTestId('metric-latest')).toContainText('1,234');
    await expect(card.locator('.recharts-line-dots circle')).toHaveCount(1);
    await expectAccessible(page);
  });

  test.describe('as an admin', () => {
    test.use({ role: 'admin' });

    test('creates an API token shown once, pushes a value with it, and after revoking the push is refused', async ({ page }) => {
      await page.goto('/admin/tokens');
      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New token' });
      await dialog.getByLabel('Name').fill('E2E tracking job');
      await dialog.getByRole('button', { name: 'Save' }).click();
      const token = await page.getByTestId('revealed-token').inputValue();
      expect(token).toMatch(/^aionis_st_[A-Za-z0-9_-]{43}$/);
      await expect(page.getByText(/shown only once/)).toBeVisible();
      await page.getByRole('button', { name: 'I have copied it' }).click();

      // Shown once: the list has its first characters only, also after a reload.
      await page.reload();
      const row = page.getByTestId('token-row').filter({ hasText: 'E2E tracking job' });
      await expect(row).toContainText(token.slice(0, 14));
      expect(await page.content()).not.toContain(token);

      const client = await machine();
      const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      const auth = { Authorization: `Bearer ${token}` };
      const pushed = await client.post('/api/metrics/values', { data: { values: [{ metric: 'contact_submit', week: lastWeek, value: 77 }] }, headers: auth });
      expect(pushed.status()).toBe(200);
      expect(await pushed.json()).toMatchObject({ written: 1, unchanged: 0 });
      // The token opens nothing else.
      expect((await client.get('/trpc/metrics.list', { headers: auth })).status()).toBe(401);

      await page.goto('/metrics');
      await expect(page.locator('[data-metric="contact_submit"]').getByTestId('metric-latest')).toContainText('77');

      await page.goto('/admin/tokens');
      await expect(row).not.toContainText('Never');
      await page.getByRole('button', { name: 'Revoke: E2E tracking job' }).click();
      await page.getByRole('dialog', { name: 'Revoke “E2E tracking job”?' }).getByRole('button', { name: 'Revoke' }).click();
      await expect(row).toContainText('Revoked');

      const refused = await client.post('/api/metrics/values', { data: { values: [{ metric: 'contact_submit', week: lastWeek, value: 78 }] }, headers: auth });
      expect(refused.status()).toBe(401);
      expect(refused.headers()['www-authenticate']).toMatch(/^Bearer/);
      await client.dispose();
    });
  });
});
