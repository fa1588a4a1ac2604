import { expect, expectAccessible, test } from '../fixtures';

test.describe('the plan', () => {
  test('shows the seeded launch plan: three phases, every deliverable and gate', async ({ page, api }) => {
    await page.goto('/plan');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aionis launch — first 180 days');
    await expect(page.getByTestId('timeline-label')).toHaveText(/Ended \d+ days ago|Day \d+ of 180|Starts in/);
    for (const name of ['A · Launch Foundation', 'B · Hosted Revenue Motion', 'C · Platform Wedge']) {
      await expect(page.getByRole('heading', { name })).toBeVisible();
    }
    // Every deliverable and gate the database holds (the seed's counts are checked against the
    // document in the server's tests) is on the page.
    const plan = await api.currentPlan();
    const count = (key: 'deliverables' | 'gates') => plan.phases.reduce((n, p) => n + p[key].length, 0);
    expect(count('deliverables')).toBeGreaterThanOrEqual(29);
    expect(count('gates')).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('deliverable-row')).toHaveCount(count('deliverables'));
    await expect(page.getByTestId('gate-row')).toHaveCount(count('gates'));
    for (const title of ['At least 1 paid trial', 'Docs links all green', 'Layer 3 does not affect Layer 1/2 mainline stability']) {
      await expect(page.getByTestId('gate-row').filter({ hasText: title })).toBeVisible();
    }
  });

  test('edits a deliverable, and the edit survives a reload', async ({ page, api }) => {
    await page.goto('/plan');
    const row = page.getByTestId('deliverable-row').filter({ hasText: 'First pricing packaging and FAQ complete' });
    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit deliverable' });
    await dialog.getByLabel('Title').fill('Pricing packaging, FAQ and upgrade path');
    await dialog.getByLabel('Owner').fill('Lin (GTM)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    const edited = page.getByTestId('deliverable-row').filter({ hasText: 'Pricing packaging, FAQ and upgrade path' });
    await expect(edited).toBeVisible();
    await expect(edited).toContainText('Lin (GTM)');
    const plan = await api.currentPlan();
    expect(plan.phases[0]!.deliverables.find((d) => d.title === 'Pricing packaging, FAQ and upgrade path')?.ownerName).toBe('Lin (GTM)');
  });

  test('an invalid edit shows the error beside the field and changes nothing', async ({ page, api }) => {
    const before = (await api.currentPlan()).phases[1]!.deliverables[0]!;
    await page.goto('/plan');
    const row = page.getByTestId('deliverable-row').filter({ hasText: before.title });
    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit deliverable' });
    await dialog.getByLabel('Title').fill('   ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Required')).toBeVisible();
    await expect(dialog.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const after = (await api.currentPlan()).phases[1]!.deliverables[0]!;
    expect(after).toMatchObject({ title: before.title, version: before.version });
  });

  test('the server refuses bad input with field paths, even past the form', async ({ api }) => {
    const item = (await api.currentPlan()).phases[2]!.deliverables[0]!;
    const res = await api.mutate('deliverables.update', { id: item.id, version: item.version, title: '', dueDate: '2026-13-01' });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.data.fieldIssues.map((i: { path: string }) => i.path).sort()).toEqual(['dueDate', 'title']);
    expect((await api.currentPlan()).phases[2]!.deliverables[0]!).toMatchObject({ title: item.title, version: item.version });
  });

  test('changes a gate status from the row, with a reason, and it persists', async ({ page, api }) => {
    await page.goto('/plan');
    const row = page.getByTestId('gate-row').filter({ hasText: 'Hosted funnel trackable' });
    await row.getByRole('button', { name: /change status of/ }).click();
    await page.getByRole('menuitem', { name: 'At risk' }).click();
    // A gate's status change is a dialog: the reason goes into the gate's history.
    const dialog = page.getByRole('dialog', { name: /Set the status of/ });
    await dialog.getByLabel(/^Reason/).fill('No PoC-stage partner tracked yet');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('status-menu')).toHaveText(/At risk/);
    await page.reload();
    await expect(page.getByTestId('gate-row').filter({ hasText: 'Hosted funnel trackable' }).getByTestId('status-menu')).toHaveText(/At risk/);
    const gate = (await api.currentPlan()).phases[1]!.gates.find((g) => g.title.startsWith('Hosted funnel trackable'));
    expect(gate?.status).toBe('AT_RISK');
  });

  test('deletes after confirmation and can undo', async ({ page, api }) => {
    await page.goto('/phases/C');
    const title = 'Quarterly platform white paper and case studies';
    const row = page.getByTestId('deliverable-row').filter({ hasText: title });
    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete “${title}”?` });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeVisible();

    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(row).toHaveCount(0);
    expect((await api.currentPlan()).phases[2]!.deliverables.map((d) => d.title)).not.toContain(title);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('deliverable-row').filter({ hasText: title })).toBeVisible();
    expect((await api.currentPlan()).phases[2]!.deliverables.map((d) => d.title)).toContain(title);
  });

  test('passes the accessibility checks', async ({ page }) => {
    await page.goto('/plan');
    await expect(page.getByTestId('deliverable-row').first()).toBeVisible();
    await expectAccessible(page);
  });
});
