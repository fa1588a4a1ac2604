import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, type Api } from '../fixtures';

async function trpcData<T>(res: Awaited<ReturnType<Api['mutate']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()).result.data as T;
}

const today = () => new Date().toISOString().slice(0, 10);
/** A word no other spec uses, so searches find only this test's evidence. */
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function createPartner(api: Api, company: string) {
  return trpcData<{ id: string }>(
    await api.mutate('partners.create', { company, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' }),
    'partners.create',
  );
}

async function createEvidence(api: Api, input: { title: string; url: string; kind?: string; attachTo?: { targetType: string; targetId: string } }) {
  return trpcData<{ id: string }>(await api.mutate('evidence.create', { kind: 'DOC', capturedOn: today(), ...input }), 'evidence.create');
}

interface AttachedRow {
  id: string;
  title: string;
  health: string;
}
const attachedTo = (api: Api, targetId: string) => api.query<AttachedRow[]>('evidence.forTarget', { targetType: 'partner', targetId });

/** The toast saying `text`, for its Undo button. */
const toast = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

test.describe('evidence', () => {
  test.use({ role: 'pm' });

  test('a pm adds evidence, finds it by search, edits it, archives it and undoes', async ({ page, api }) => {
    const word = unique('soak');
    const title = `Gate run ${word}`;
    await page.goto('/evidence');
    await page.getByRole('button', { name: 'Add evidence' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add evidence' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Address (URL)').fill('ci.example.test/runs/1');
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Gate run' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The address needs its scheme, and a gate run its result.
    await expect(dialog.getByText('Use a full address starting with https:// or http://')).toBeVisible();
    await expect(dialog.getByText('Choose whether the run passed or failed')).toBeVisible();
    await dialog.getByLabel('Address (URL)').fill('https://ci.example.test/runs/1');
    await dialog.getByRole('radio', { name: 'Passed' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // Found by a word of its title; the search is in the URL, so the view can be shared.
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    const rows = page.getByTestId('evidence-row');
    await expect(rows).toHaveCount(1);
    const row = rows.filter({ hasText: title });
    await expect(row.getByRole('link', { name: title })).toHaveAttribute('href', 'https://ci.example.test/runs/1');
    await expect(row.getByRole('link', { name: title })).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(row.getByTestId('evidence-result')).toHaveText('Passed');
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(word);
    await expect(page.getByTestId('evidence-row')).toHaveCount(1);

    // Edited: a new title and a failed run.
    await row.getByRole('button', { name: `Actions for “${title}”` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit evidence' });
    await expect(edit.getByLabel('Title')).toHaveValue(title);
    await edit.getByLabel('Title').fill(`${title} (rerun)`);
    await edit.getByRole('radio', { name: 'Failed' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    const edited = page.getByTestId('evidence-row').filter({ hasText: `${title} (rerun)` });
    await expect(edited.getByTestId('evidence-result')).toHaveText('Failed');

    // Archived after a confirmation, then brought back with Undo.
    await edited.getByRole('button', { name: `Actions for “${title} (rerun)”` }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    const confirm = page.getByRole('dialog', { name: `Archive “${title} (rerun)”?` });
    await confirm.getByRole('button', { name: 'Archive' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('evidence-row')).toHaveCount(0);
    await expect(page.getByText('No evidence matches these filters.')).toBeVisible();
    await toast(page, `Archived “${title} (rerun)”`).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('evidence-row').filter({ hasText: `${title} (rerun)` })).toBeVisible();
    const live = await api.query<{ items: { title: string; result: string | null; archivedAt: string | null }[] }>('evidence.list', { q: word });
    expect(live.items).toEqual([expect.objectContaining({ title: `${title} (rerun)`, result: 'FAILED', archivedAt: null })]);
  });

  test('a pm attaches existing evidence to a partner, detaches it, and undoes the detach', async ({ page, api }) => {
    const word = unique('deck');
    const partner = await createPartner(api, `Evidence Partner ${word}`);
    const title = `Architecture review ${word}`;
    await createEvidence(api, { title, url: `https://docs.example.test/reviews/${word}`, kind: 'REPORT' });

    await page.goto(`/partners/${partner.id}`);
    const panel = page.getByTestId('evidence-panel');
    await expect(panel.getByText('No evidence yet')).toBeVisible();
    await panel.getByRole('button', { name: 'Attach existing' }).click();
    await panel.getByLabel('Find evidence to attach').fill(word);
    await page.getByRole('option', { name: new RegExp(title) }).click();
    const row = panel.getByTestId('evidence-row').filter({ hasText: title });
    await expect(row).toBeVisible();
    await expect(row.getByRole('link', { name: title })).toHaveAttribute('target', '_blank');
    await expect(row).toContainText('attached by E2E Pm');
    expect((await attachedTo(api, partner.id)).map((e) => e.title)).toEqual([title]);

    // Detached; Undo attaches it again; detached for good.
    await row.getByRole('button', { name: `Detach “${title}”` }).click();
    await expect(panel.getByText('No evidence yet')).toBeVisible();
    await toast(page, `Detached “${title}”`).getByRole('button', { name: 'Undo' }).click();
    await expect(panel.getByTestId('evidence-row').filter({ hasText: title })).toBeVisible();
    expect((await attachedTo(api, partner.id)).map((e) => e.title)).toEqual([title]);
    await panel.getByRole('button', { name: `Detach “${title}”` }).click();
    await expect(panel.getByText('No evidence yet')).toBeVisible();
    expect(await attachedTo(api, partner.id)).toEqual([]);

    // A new link added from the panel is attached at once.
    await panel.getByRole('button', { name: 'Add link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add evidence' });
    await dialog.getByLabel('Title').fill(`Signed LOI ${word}`);
    await dialog.getByLabel('Address (URL)').fill(`https://drive.example.test/loi/${word}`);
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Customer evidence' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByTestId('evidence-row').filter({ hasText: `Signed LOI ${word}` })).toBeVisible();
    expect((await attachedTo(api, partner.id)).map((e) => e.title)).toEqual([`Signed LOI ${word}`]);
  });

  test('a broken link is flagged on the record and in the library, where it can be filtered', async ({ page, api }) => {
    const word = unique('dead');
    const partner = await createPartner(api, `Broken Link Partner ${word}`);
    const title = `Dead link ${word}`;
    // Port 9 on loopback: refused by the checker's address guard, or by the closed port where private
    // addresses are allowed. Either way the link is broken.
    const evidence = await createEvidence(api, { title, url: 'http://127.0.0.1:9/nothing', attachTo: { targetType: 'partner', targetId: partner.id } });
    await trpcData(await api.mutate('evidence.checkNow', { ids: [evidence.id] }), 'evidence.checkNow');
    await expect.poll(async () => (await api.query<{ health: string }>('evidence.byId', { id: evidence.id })).health).toBe('BROKEN');

    await page.goto(`/partners/${partner.id}`);
    const panel = page.getByTestId('evidence-panel');
    await expect(panel.getByTestId('evidence-broken-warning')).toContainText('1 attached link is broken');
    await expect(panel.getByTestId('evidence-row').filter({ hasText: title }).getByTestId('health-badge')).toHaveAttribute('data-health', 'BROKEN');

    await page.goto(`/evidence?q=${word}`);
    await expect(page.getByTestId('evidence-row').filter({ hasText: title }).getByTestId('health-badge')).toContainText('Broken');
    await page.getByTestId('broken-chip').click();
    await expect(page).toHaveURL(/health=BROKEN/);
    await expect(page.getByTestId('evidence-row').filter({ hasText: title })).toBeVisible();
    await expect(page.locator('[data-testid="evidence-row"]:not([data-health="BROKEN"])')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('the evidence page passes axe, on a laptop and a phone', async ({ page, api }) => {
    const word = unique('axe');
    const partner = await createPartner(api, `Axe Partner ${word}`);
    await createEvidence(api, { title: `Release notes ${word}`, url: 'https://example.test/releases/1', kind: 'RELEASE_EVIDENCE', attachTo: { targetType: 'partner', targetId: partner.id } });
    await page.goto('/evidence');
    await expect(page.getByTestId('evidence-row').first()).toBeVisible();
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/evidence?q=${word}`);
    const card = page.getByTestId('evidence-row').filter({ hasText: `Release notes ${word}` });
    await expect(card.getByRole('link', { name: `Axe Partner ${word}` })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('evidence for a viewer', () => {
  test.use({ role: 'viewer' });

  test('a viewer reads evidence but cannot add, attach or archive', async ({ page, api }) => {
    const word = unique('read');
    const partner = await createPartner(api, `Viewer Partner ${word}`);
    await createEvidence(api, { title: `Pilot report ${word}`, url: 'https://example.test/pilot', attachTo: { targetType: 'partner', targetId: partner.id } });
    await page.goto(`/evidence?q=${word}`);
    await expect(page.getByTestId('evidence-row').filter({ hasText: `Pilot report ${word}` })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add evidence' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Check links now' })).toHaveCount(0);
    await page.goto(`/partners/${partner.id}`);
    const panel = page.getByTestId('evidence-panel');
    await expect(panel.getByTestId('evidence-row').filter({ hasText: `Pilot report ${word}` })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Attach existing' })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: /^Detach/ })).toHaveCount(0);
  });
});
