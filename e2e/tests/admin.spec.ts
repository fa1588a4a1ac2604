import { expect, test } from '../fixtures';

test.describe('user administration', () => {
  test.use({ role: 'admin' });

  test('adds a user with a one-time password who can then sign in with their role', async ({ page, browser, baseURL }) => {
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Name').fill('Lin Leadership');
    await dialog.getByLabel('Email').fill('lin@example.test');
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Leadership' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const secret = await page.getByTestId('revealed-secret').inputValue();
    expect(secret).toHaveLength(16);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: 'lin@example.test' })).toBeVisible();

    const other = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const linPage = await other.newPage();
    await linPage.goto('/login');
    await linPage.getByLabel('Email').fill('lin@example.test');
    await linPage.getByLabel(/^Password/).fill(secret);
    await linPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(linPage.getByRole('heading', { level: 1 })).toBeVisible();
    await linPage.getByTestId('user-menu').click();
    await expect(linPage.getByText('Leadership', { exact: true })).toBeVisible();

    // Deactivating signs Lin out at once.
    await page.getByRole('button', { name: 'Actions: Lin Leadership' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: 'lin@example.test' })).toContainText('Deactivated');
    await linPage.reload();
    await expect(linPage).toHaveURL(/\/login/);
    await other.close();
  });
});
