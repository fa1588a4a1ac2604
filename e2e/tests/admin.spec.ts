import { expect, test } from '../fixtures';

test.describe('user administration', () => {
  test.use({ role: 'admin' });

  test('adds a user with a one-time password who can then sign in with their role', async ({ page, browser, baseURL }) => {
    // A fresh address per run, so a retry does not meet the user the first attempt created.
    const stamp = Date.now();
    const email = `lin-${stamp}@example.test`;
    const name = `Lin Leadership ${stamp}`;
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Leadership' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const secret = await page.getByTestId('revealed-secret').inputValue();
    expect(secret).toHaveLength(16);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: email })).toBeVisible();

    const other = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const linPage = await other.newPage();
    await linPage.goto('/login');
    await linPage.getByLabel('Email').fill(email);
    await linPage.getByLabel(/^Password/).fill(secret);
    await linPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(linPage.getByRole('heading', { level: 1 })).toBeVisible();
    await linPage.getByTestId('user-menu').click();
    await expect(linPage.getByText('Leadership', { exact: true })).toBeVisible();

    // Deactivating signs Lin out at once.
    await page.getByRole('button', { name: `Actions: ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('Deactivated');
    // Live updates may already be taking Lin's page to sign in; otherwise the next request does.
    await linPage.goto('/plan').catch(() => undefined);
    await expect(linPage).toHaveURL(/\/login/);
    await other.close();
  });
});
