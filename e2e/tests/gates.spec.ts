import { expect, expectAccessible, test, type Api } from '../fixtures';
import { baseURL } from '../playwright.config';

interface GateRow {
  id: string;
  title: string;
}

async function gateTitled(api: Api, title: string): Promise<GateRow> {
  const plan = await api.currentPlan();
  const gate = plan.phases.flatMap((p) => p.gates).find((g) => g.title === title);
  expect(gate, title).toBeTruthy();
  return gate!;
}

test.describe('gates that check themselves', () => {
  test('a pm attaches evidence to a gate; the link is checked and its criterion turns met', async ({ page, api }) => {
    const gate = await gateTitled(api, 'Docs links all green');
    await page.goto(`/gates/${gate.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs links all green');
    const criterion = page.getByTestId('criterion-row').filter({ hasText: 'All docs links attached to this gate are healthy' });
    await expect(criterion).toHaveAttribute('data-met', 'false');

    await page.getByRole('button', { name: 'Add link' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Title/).fill('Docs health endpoint');
    // The console's own health endpoint stands in for a docs page: the e2e server allows loopback checks.
    await dialog.getByLabel(/^Address/).fill(`${baseURL}/healthz`);
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Doc', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // The new link is checked in the background right after it is saved; the criterion follows.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('criterion-row').filter({ hasText: 'All docs links attached' })).toHaveAttribute('data-met', 'true', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('criterion-row').filter({ hasText: 'All docs links attached' }).getByTestId('criterion-value')).toHaveText('1 / 1');
    await expect(page.getByText('Docs health endpoint')).toBeVisible();
    await expectAccessible(page);
  });

  test('a pm adds evidence to a deliverable from the phase page', async ({ page }) => {
    await page.goto('/phases/C');
    const row = page.getByTestId('deliverable-row').filter({ hasText: 'Execution provenance external capability pack' });
    await row.getByRole('button', { name: /^Actions:/ }).click();
    await page.getByRole('menuitem', { name: 'Evidence' }).click();
    const drawer = page.getByRole('dialog', { name: 'Execution provenance external capability pack' });
    await drawer.getByRole('button', { name: 'Add link' }).click();
    const form = page.getByRole('dialog', { name: /Add/ }).last();
    await form.getByLabel(/^Title/).fill('Provenance pilot sign-off (customer)');
    await form.getByLabel(/^Address/).fill(`${baseURL}/healthz?pilot=1`);
    await form.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Customer evidence' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(drawer.getByTestId('evidence-row').filter({ hasText: 'Provenance pilot sign-off' })).toBeVisible();
  });

  test.describe('as leadership', () => {
    test.use({ role: 'leadership' });

    test('a criterion turns met when a partner reaches paid trial on the board; leadership records a Go and the history shows it', async ({ page, api }) => {
      const gate = await gateTitled(api, 'At least 1 paid trial');
      const company = `Paid Trial Co ${Date.now()}`;
      const created = await api.mutate('partners.create', { company, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED', stage: 'POC' });
      expect(created.ok()).toBe(true);

      await page.goto(`/gates/${gate.id}`);
      const criterion = page.getByTestId('criterion-row').filter({ hasText: 'At least one Hosted partner reached a paid trial' });
      const metBefore = await criterion.getAttribute('data-met');

      // On the board, by the move menu: PoC → Paid trial.
      await page.goto('/partners');
      await page.getByRole('button', { name: `Move to stage: ${company}`, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Paid trial' }).click();
      await expect(page.getByTestId('column-PAID_TRIAL').getByTestId('partner-card').filter({ hasText: company })).toBeVisible();

      await page.goto(`/gates/${gate.id}`);
      await expect(criterion).toHaveAttribute('data-met', 'true');
      if (metBefore === 'false') await expect(criterion.getByTestId('criterion-value')).toHaveText('1 / 1');

      // A Go needs healthy evidence on the gate: attach a link and let the checker confirm it.
      await page.getByRole('button', { name: 'Add link' }).click();
      const add = page.getByRole('dialog');
      await add.getByLabel(/^Title/).fill('Paid trial order form');
      await add.getByLabel(/^Address/).fill(`${baseURL}/healthz?order=1`);
      await add.getByLabel('Kind').click();
      await page.getByRole('option', { name: 'Customer evidence' }).click();
      await add.getByRole('button', { name: 'Save' }).click();
      await expect(add).toBeHidden();
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId('evidence-row').filter({ hasText: 'Paid trial order form' }).getByText('Healthy')).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 15_000 });

      await page.getByRole('button', { name: 'Set status' }).click();
      const decide = page.getByRole('dialog');
      await decide.getByLabel('Status').click();
      await page.getByRole('option', { name: 'Passed' }).click();
      await expect(decide.getByRole('radio', { name: 'Go', exact: true })).toBeChecked();
      // No reason: refused in the form, nothing sent.
      await decide.getByRole('button', { name: 'Save' }).click();
      await expect(decide.getByText('Required', { exact: true })).toBeVisible();
      await decide.getByLabel(/^Reason/).fill('First Hosted customer on a paid trial; order form attached');
      await decide.getByRole('button', { name: 'Save' }).click();
      await expect(decide).toBeHidden();

      await expect(page.getByTestId('gate-status')).toHaveText('Passed');
      const history = page.getByTestId('gate-history');
      await expect(history).toContainText('Passed');
      await expect(history).toContainText('Go');
      await expect(history).toContainText('First Hosted customer on a paid trial');
      const stored = await api.query<{ status: string; history: { decision: string | null; byName: string }[] }>('gates.byId', { id: gate.id });
      expect(stored.status).toBe('PASSED');
      expect(stored.history[0]).toMatchObject({ decision: 'GO' });
    });

    test('a Go is refused while criteria are open; the reason is shown', async ({ page, api }) => {
      const gate = await gateTitled(api, 'Production gates pass consistently');
      await page.goto(`/gates/${gate.id}`);
      await page.getByRole('button', { name: 'Set status' }).click();
      const decide = page.getByRole('dialog');
      await decide.getByLabel('Status').click();
      await page.getByRole('option', { name: 'Passed' }).click();
      await decide.getByLabel(/^Reason/).fill('Looks fine');
      await decide.getByRole('button', { name: 'Save' }).click();
      await expect(decide.getByRole('alert')).toContainText(/Not possible yet/);
      await decide.getByRole('button', { name: 'Cancel' }).click();
      const stored = await api.query<{ status: string }>('gates.byId', { id: gate.id });
      expect(stored.status).not.toBe('PASSED');
    });
  });
});
