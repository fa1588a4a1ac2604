import { expect, expectAccessible, test } from '../fixtures';

test.describe('a phase', () => {
  test('shows its goal and progress, adds a deliverable and reorders by keyboard', async ({ page, api }) => {
    await page.goto('/phases/B');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phase B · Hosted Revenue Motion');
    await expect(page.getByTestId('phase-goal')).toContainText('standard product package');

    await page.getByRole('button', { name: 'Add deliverable' }).click();
    const dialog = page.getByRole('dialog', { name: 'New deliverable' });
    await dialog.getByLabel('Title').fill('Hosted pricing calculator');
    await dialog.getByLabel('Due date').fill('2026-05-20');
    await dialog.getByLabel('Due date').press('Tab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const rows = page.getByTestId('deliverable-row');
    await expect(rows.last()).toContainText('Hosted pricing calculator');

    // Move it up with the keyboard alone.
    await page.getByRole('button', { name: 'Move up: Hosted pricing calculator' }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.nth((await rows.count()) - 2)).toContainText('Hosted pricing calculator');
    await page.reload();
    await expect(page.getByTestId('deliverable-row').nth((await rows.count()) - 2)).toContainText('Hosted pricing calculator');
    const b = (await api.currentPlan()).phases[1]!;
    expect(b.deliverables.at(-2)).toMatchObject({ title: 'Hosted pricing calculator', dueDate: '2026-05-20' });
  });

  test('an unknown phase says so', async ({ page }) => {
    await page.goto('/phases/Z');
    await expect(page.getByText('Nothing here')).toBeVisible();
  });

  test('passes the accessibility checks in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/phases/A');
    await expect(page.getByTestId('deliverable-row').first()).toBeVisible();
    await expectAccessible(page);
  });
});
