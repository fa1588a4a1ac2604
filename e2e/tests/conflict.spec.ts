import { credentials, expect, test, type ItemView } from '../fixtures';
import { baseURL } from '../playwright.config';

// Two people edit the same deliverable: the one who saves second is refused, told who changed it and
// when, and shown the current value beside their own edits; nothing is overwritten until they save
// again knowingly.
test.describe('concurrent edits', () => {
  test.use({ role: 'leadership' });

  test('the second save names who changed the deliverable meanwhile and shows the current value', async ({ page, browser, api }) => {
    const title = `Conflict brief ${Date.now()}`;
    const phase = (await api.currentPlan()).phases[2]!;
    const created = await api.mutate('deliverables.create', { phaseId: phase.id, title, ownerName: 'Kim' });
    expect(created.ok()).toBe(true);
    const { id } = (await created.json()).result.data as { id: string };
    const deliverable = async () => (await api.currentPlan()).phases[2]!.deliverables.find((d: ItemView) => d.id === id)!;

    // The pm, in a browser of their own.
    const pm = credentials('pm');
    const pmContext = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC' });
    const signIn = await pmContext.request.post('/api/auth/sign-in/email', { data: { email: pm.email, password: pm.password }, headers: { origin: baseURL } });
    expect(signIn.ok()).toBe(true);
    const pmPage = await pmContext.newPage();

    const openEdit = async (p: typeof page) => {
      await p.goto('/phases/C');
      await p.getByTestId('deliverable-row').filter({ hasText: title }).getByRole('button', { name: /^Actions:/ }).click();
      await p.getByRole('menuitem', { name: 'Edit' }).click();
      return p.getByRole('dialog', { name: 'Edit deliverable' });
    };
    const mine = await openEdit(page);
    const theirs = await openEdit(pmPage);

    // The pm saves first.
    await theirs.getByLabel('Title').fill(`${title} (pm)`);
    await theirs.getByLabel('Owner').fill('Pat');
    await theirs.getByRole('button', { name: 'Save' }).click();
    await expect(theirs).toBeHidden();
    await pmContext.close();

    // Leadership saves from the version they opened: refused, with the pm's name and the current value.
    await mine.getByLabel('Title').fill(`${title} (leadership)`);
    await mine.getByRole('button', { name: 'Save' }).click();
    const alert = mine.getByTestId('conflict-alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(`Changed by ${pm.name} at `);
    await expect(alert).toContainText(`Title: ${title} (pm)`);
    await expect(alert).toContainText('Owner: Pat');
    await expect(page.getByText(new RegExp(`^Changed by ${pm.name} at .+ meanwhile\\. The current value is now shown\\.$`))).toBeVisible();
    // The form keeps leadership's edits; the database keeps the pm's.
    await expect(mine.getByLabel('Title')).toHaveValue(`${title} (leadership)`);
    const stored = await deliverable();
    expect(stored).toMatchObject({ title: `${title} (pm)`, ownerName: 'Pat' });
    await mine.screenshot({ path: '/tmp/conflict-alert.png' });

    // Saving again, having seen the current value, replaces it knowingly (the owner stays the form's).
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect(mine).toBeHidden();
    expect(await deliverable()).toMatchObject({ title: `${title} (leadership)`, ownerName: 'Kim', version: stored.version + 1 });
  });
});
