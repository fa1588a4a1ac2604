import { expect, test } from '../fixtures';

test.describe('history and audit trail', () => {
  test.use({ role: 'pm' });

  test('a change shows in the item history, in the reader’s language', async ({ page }) => {
    await page.goto('/phases/B');
    const row = page.getByTestId('gate-row').filter({ hasText: 'Production gates pass consistently' });
    await row.getByRole('button', { name: /change status of/ }).click();
    await page.getByRole('menuitem', { name: 'At risk' }).click();
    const dialog = page.getByRole('dialog', { name: /Set the status of/ });
    await dialog.getByLabel(/^Reason/).fill('Two red runs this week');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByTestId('status-menu')).toHaveText(/At risk/);

    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('E2E Pm changed status');
    await expect(drawer).toContainText('At risk');
    await expect(drawer).toContainText('Two red runs this week');
    await page.keyboard.press('Escape');

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await row.getByRole('button', { name: /^操作/ }).click();
    await page.getByRole('menuitem', { name: '历史记录' }).click();
    await expect(page.getByRole('dialog')).toContainText('有风险');
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').selectOption('en');
  });

  test('pm has no audit page, and the API refuses the list', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
    const res = await page.request.get('/trpc/audit.list?input=%7B%7D');
    expect(res.status()).toBe(403);
  });
});

test.describe('the audit page', () => {
  test.use({ role: 'leadership' });

  test('lists the changes with who made them', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expect(page).toHaveURL(/\/audit/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    await expect(page.getByText('E2E Pm').first()).toBeVisible();
  });
});
