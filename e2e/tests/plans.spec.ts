import { expect, test } from '../fixtures';

test('creates the next plan as a copy, and the old one stays readable', async ({ page, api }) => {
  const old = await api.currentPlan();
  await page.goto('/plans');
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'New plan' });
  await dialog.getByLabel('Name').fill('Aionis — next 180 days');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aionis — next 180 days');
  await expect(page.getByTestId('deliverable-row')).toHaveCount(old.phases.reduce((n, p) => n + p.deliverables.length, 0));
  const current = await api.currentPlan();
  expect(current.name).toBe('Aionis — next 180 days');
  expect(current.phases.flatMap((p) => p.gates).every((g) => g.status === 'PENDING')).toBe(true);

  await page.goto(`/?plan=${old.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(old.name);
  await expect(page.getByText('Not the current plan')).toBeVisible();
  // Put the original back as current so other specs see the launch plan.
  await page.getByRole('button', { name: 'Make current' }).click();
  await expect(page.getByText('Current plan', { exact: true })).toBeVisible();
  expect((await api.currentPlan()).id).toBe(old.id);
});
