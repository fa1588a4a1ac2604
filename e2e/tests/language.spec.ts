import { expect, test } from '../fixtures';

test('switches to Chinese, and the choice is remembered', async ({ page }) => {
  await page.goto('/plan');
  await expect(page.getByRole('link', { name: 'Plan', exact: true })).toBeVisible();
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('link', { name: '计划', exact: true })).toBeVisible();
  await expect(page.getByTestId('timeline-label')).toHaveText(/天/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Plan content stays as entered.
  await expect(page.getByText('At least 1 paid trial')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('link', { name: '计划', exact: true })).toBeVisible();
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByRole('link', { name: 'Plan', exact: true })).toBeVisible();
});
