import { expect, expectAccessible, test } from '../fixtures';

const broken = [
  '# Aionis — H2 from a document',
  '',
  'Start: 2025-01-04',
  '',
  '## Phase A (0-30 days): Foundation',
  '',
  'Goal: Ship the basics.',
  '',
  'Deliverables:',
  '',
  '1. Landing page {owner: GTM}',
  '2. Pricing page',
  '',
  'Gates:',
  '',
  '1. Site is up',
  '',
  '## Phase B: Growth',
  '',
  '## Notes',
  '',
  'Not part of the plan.',
].join('\n');

test('a PM imports a plan document, fixes what the preview points at, and creates the plan', async ({ page, api }) => {
  const old = await api.currentPlan();
  await page.goto('/plans');
  await page.getByRole('button', { name: 'From a document' }).click();
  const dialog = page.getByRole('dialog', { name: 'New plan from a document' });
  const text = dialog.getByLabel('Document (Markdown)');
  await text.fill(broken);
  await dialog.getByRole('button', { name: 'Preview' }).click();

  // Phase B has no day range: the preview says so, by line, and offers no Create.
  await expect(dialog.getByText('Line 18: this phase has no day range')).toBeVisible();
  await expect(dialog.getByText('2 phases · 2 deliverables · 1 gates')).toBeVisible();
  await expect(dialog.getByText('Not placed in the plan (1)')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create plan' })).toHaveCount(0);
  await expectAccessible(page);

  // The line link selects the line in the text, to fix it there.
  await dialog.getByRole('button', { name: 'Show line 18 in the text' }).click();
  await expect(text).toBeFocused();
  await text.fill(broken.replace('## Phase B: Growth', '## Phase B（３１-９０ 天）：Growth'));
  await expect(dialog.getByText('The text changed since the preview')).toBeVisible();
  await dialog.getByRole('button', { name: 'Preview again' }).click();
  await expect(dialog.getByText('Fix these before the plan can be created')).toHaveCount(0);
  await expect(dialog.getByText('days 31–90')).toBeVisible();
  // Nothing is written until the PM confirms.
  expect((await api.currentPlan()).id).toBe(old.id);

  await expect(dialog.getByLabel('Plan name')).toHaveValue('Aionis — H2 from a document');
  await expect(dialog.getByLabel('Start date (day 0)')).toHaveValue('2025-01-04');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aionis — H2 from a document');
  const created = await api.currentPlan();
  expect(created.phases.map((p) => [p.key, p.name, p.deliverables.map((d) => [d.title, d.ownerName, d.dueDate]), p.gates.map((g) => g.title)])).toEqual([
    ['A', 'Foundation', [['Landing page', 'GTM', '2025-02-03'], ['Pricing page', '', '2025-02-03']], ['Site is up']],
    ['B', 'Growth', [], []],
  ]);

  // And back out: the export is the document the plan would be imported from.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Aionis-H2-from-a-document.md');
  const exported = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(exported).toString('utf8')).toContain('## Phase B (31-90 days): Growth');

  // Put the launch plan back as current for the other specs.
  expect((await api.mutate('plans.setCurrent', { id: old.id })).ok()).toBe(true);
});
