import { request as playwrightRequest, type Browser, type Page } from '@playwright/test';
import { credentials, expect, expectAccessible, test, type Api, type Role } from '../fixtures';
import { baseURL } from '../playwright.config';

/** A second signed-in page, for a step another role takes in the same story. */
async function pageAs(browser: Browser, role: Role): Promise<Page> {
  const auth = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { email, password } = credentials(role);
  const res = await auth.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin: baseURL } });
  expect(res.ok(), `sign-in as ${role}`).toBe(true);
  const storageState = await auth.storageState();
  await auth.dispose();
  const context = await browser.newContext({ storageState, baseURL, locale: 'en-US', timezoneId: 'UTC' });
  return context.newPage();
}

async function trpcData<T>(res: Awaited<ReturnType<Api['mutate']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()).result.data as T;
}

interface GateRow {
  id: string;
  title: string;
  status: string;
  version: number;
}

/** A gate's status through the gate API: `setStatus` where the gates module has it, else `update`. */
async function setGateStatus(api: Api, gate: GateRow, status: string) {
  const viaSetStatus = await api.mutate('gates.setStatus', { id: gate.id, version: gate.version, status, reason: 'e2e: claims and the stability-first rule' });
  if (viaSetStatus.status() !== 404) return trpcData(viaSetStatus, `gates.setStatus ${status}`);
  return trpcData(await api.mutate('gates.update', { id: gate.id, version: gate.version, status }), `gates.update ${status}`);
}

async function currentGate(api: Api, id: string): Promise<GateRow> {
  const plan = await api.currentPlan();
  return plan.phases.flatMap((p) => p.gates).find((g) => g.id === id)!;
}

test.describe('claims and the stability-first rule', () => {
  test.use({ role: 'sales' });

  test('a blocked gate raises the banner and holds a claim; leadership publishes over the hold with a reason', async ({ page, api, browser }) => {
    // Sales write the claim with its boundary.
    await page.goto('/claims');
    await page.getByRole('button', { name: 'New claim' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New claim' });
    await dialog.getByRole('textbox', { name: 'Statement', exact: true }).fill('Aionis Cloud restores a workspace in under a minute');
    await dialog.getByLabel('Channel').click();
    await page.getByRole('option', { name: 'Release note' }).click();
    await dialog.getByLabel('Boundary statement').fill('Workspaces up to 10 GB on the Cloud Team tier, one region');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
    const claimId = page.url().split('/').at(-1)!;
    await expect(page.getByTestId('claim-status')).toHaveText('Draft');
    await expect(page.getByTestId('claim-boundary')).toHaveText('Workspaces up to 10 GB on the Cloud Team tier, one region');

    // Evidence is attached through the evidence module's API, and its link (this server's) checked.
    const evidence = await trpcData<{ id: string }>(
      await api.mutate('evidence.create', {
        title: 'Restore drill report',
        url: `${baseURL}/healthz`,
        kind: 'REPORT',
        capturedOn: new Date().toISOString().slice(0, 10),
        attachTo: { targetType: 'claim', targetId: claimId },
      }),
      'evidence.create',
    );
    await trpcData(await api.mutate('evidence.checkNow', { ids: [evidence.id] }), 'evidence.checkNow');
    const attached = await api.query<{ evidence: { title: string; health: string }[] }>('claims.byId', { id: claimId });
    expect(attached.evidence).toEqual([expect.objectContaining({ title: 'Restore drill report', health: 'HEALTHY' })]);

    // Sales cannot approve; leadership does.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    const lead = await pageAs(browser, 'leadership');
    await lead.goto(`/claims/${claimId}`);
    await lead.getByRole('button', { name: 'Approve' }).click();
    await expect(lead.getByTestId('claim-status')).toHaveText('Approved');
    await expect(lead.getByTestId('claim-record')).toContainText('Approved by E2E Leadership');

    // A gate of the current plan is blocked: every page says so, naming it.
    const plan = await api.currentPlan();
    const gateId = plan.phases.find((p) => p.key === 'B')!.gates[0]!.id;
    const before = await currentGate(api, gateId);
    await setGateStatus(api, before, 'BLOCKED');
    try {
      const pm = await pageAs(browser, 'pm');
      await pm.goto('/partners');
      const banner = pm.getByTestId('stability-banner');
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('role', 'status');
      await expect(banner).toContainText('Stability first: a gate is blocked');
      await expect(banner.getByRole('link', { name: `${before.title} (phase B)` })).toBeVisible();

      // Publishing is held, and the claim page says why.
      await pm.goto(`/claims/${claimId}`);
      await expect(pm.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
      await expect(pm.getByTestId('publish-held')).toContainText(`Publishing is held: gate “${before.title}” is blocked`);
      await expect(pm.getByRole('button', { name: 'Publish', exact: true })).toHaveAccessibleDescription(/Publishing is held/);
      await expect(pm.getByRole('button', { name: 'Publish anyway…' })).toHaveCount(0);
      await expectAccessible(pm);

      // Leadership publishes over the hold, saying why; the reason is kept.
      await lead.reload();
      await expect(lead.getByTestId('publish-held')).toContainText(before.title);
      await lead.getByRole('button', { name: 'Publish anyway…' }).click();
      const override = lead.getByRole('dialog', { name: 'Publish although gates are blocked' });
      await override.getByRole('button', { name: 'Publish anyway' }).click();
      await expect(override.getByText('Required')).toBeVisible();
      await override.getByRole('textbox', { name: 'Why must it go out now?' }).fill('The restore fix is what customers are waiting for');
      await override.getByRole('button', { name: 'Publish anyway' }).click();
      await expect(override).toBeHidden();
      await expect(lead.getByTestId('claim-status')).toHaveText('Published');
      await expect(lead.getByTestId('claim-record')).toContainText('Reason: The restore fix is what customers are waiting for');
      const published = await api.query<{ status: string; overrideReason: string | null }>('claims.byId', { id: claimId });
      expect(published).toMatchObject({ status: 'PUBLISHED', overrideReason: 'The restore fix is what customers are waiting for' });
      await pm.context().close();
    } finally {
      await setGateStatus(api, await currentGate(api, gateId), before.status);
    }

    await lead.context().close();

    // Unblocked: the banner is gone.
    await page.goto('/claims');
    await expect(page.getByTestId('claim-row').filter({ hasText: 'restores a workspace' })).toContainText('Published');
    await expect(page.getByTestId('stability-banner')).toHaveCount(0);
  });

  test('the register filters by the URL and a draft is deleted with undo', async ({ page }) => {
    await page.goto('/claims');
    await page.getByRole('button', { name: 'New claim' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New claim' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Required')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Statement', exact: true }).fill('Docs draft to delete');
    await dialog.getByLabel('Channel').click();
    await page.getByRole('option', { name: 'Docs', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('claim-status')).toHaveText('Draft');
    await expect(page.getByText('No boundary statement yet').first()).toBeVisible();

    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/claims$/);
    await expect(page.getByTestId('claim-row').filter({ hasText: 'Docs draft to delete' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('claim-row').filter({ hasText: 'Docs draft to delete' })).toBeVisible();

    await page.goto('/claims?channel=DOCS&status=DRAFT');
    await expect(page.getByTestId('claim-row').filter({ hasText: 'Docs draft to delete' })).toBeVisible();
    await page.goto('/claims?channel=WEBSITE&q=docs%20draft');
    await expect(page.getByText('No claims match these filters.')).toBeVisible();
    await expectAccessible(page);
  });
});
