import type { Locator, Page } from '@playwright/test';
import { credentials, expect, test } from '../fixtures';

async function dragTo(page: Page, card: Locator, column: Locator) {
  const from = (await card.boundingBox())!;
  const to = (await column.boundingBox())!;
  // Grab the card by its lower part (the company name is a link that does not start a drag).
  const grabY = from.y + from.height - 6;
  await page.mouse.move(from.x + from.width / 2, grabY);
  await page.mouse.down();
  // dnd-kit starts a drag after a few pixels of movement; move in steps like a hand would.
  await page.mouse.move(from.x + from.width / 2 + 20, grabY + 8, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
  await page.mouse.up();
}

test.describe('the Design Partner pipeline', () => {
  test.use({ role: 'sales' });

  test('sales adds a partner, drags it to PoC, logs a call, and the funnel and phase-B target move', async ({ page, api }) => {
    const hostedPoc = async () =>
      (await api.query<{ targets: { key: string; count: number }[] }>('partners.funnel', {})).targets.find((t) => t.key === 'hostedPoc')!.count;
    const before = await hostedPoc();
    await page.goto('/partners');
    await page.getByRole('button', { name: 'Add partner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add partner' });
    await dialog.getByLabel('Company').fill('Acme Agents');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    const card = page.getByTestId('partner-card').filter({ hasText: 'Acme Agents' });
    await expect(page.getByTestId('column-LEAD').getByTestId('partner-card').filter({ hasText: 'Acme Agents' })).toBeVisible();
    await dragTo(page, card, page.getByTestId('column-POC'));
    await expect(page.getByTestId('column-POC').getByTestId('partner-card').filter({ hasText: 'Acme Agents' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('column-POC').getByTestId('partner-card').filter({ hasText: 'Acme Agents' })).toBeVisible();

    await page.getByRole('link', { name: 'Acme Agents' }).click();
    await page.getByLabel('What happened (Markdown)').fill('Call with the **CTO**: PoC scope agreed.');
    await page.getByRole('button', { name: 'Log', exact: true }).click();
    const timeline = page.getByTestId('timeline-entry');
    await expect(timeline.filter({ hasText: 'PoC scope agreed' })).toBeVisible();
    await expect(timeline.filter({ hasText: 'Stage Lead → PoC' })).toBeVisible();

    await page.goto('/partners/funnel');
    expect(await hostedPoc()).toBe(before + 1);
    await expect(page.getByTestId('funnel-targets')).toContainText(`${before + 1} of 3`);
  });

  test('moving to lost asks for a reason, and the board works by keyboard alone', async ({ page, api }) => {
    await page.goto('/partners');
    await page.getByRole('button', { name: 'Add partner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add partner' });
    await dialog.getByLabel('Company').fill('Keyboard Labs');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // Pick up with space, two columns right, drop with space: Lead → PoC.
    const card = page.getByTestId('partner-card').filter({ hasText: 'Keyboard Labs' });
    await card.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('column-POC').getByTestId('partner-card').filter({ hasText: 'Keyboard Labs' })).toBeVisible();

    // The move menu, also by keyboard: to Lost needs a reason.
    await page.getByRole('button', { name: 'Move to stage: Keyboard Labs', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Lost' }).click();
    const reason = page.getByRole('dialog', { name: /Move “Keyboard Labs” to Lost/ });
    await reason.getByRole('button', { name: 'Move' }).click();
    await expect(reason.getByText('Required')).toBeVisible();
    await reason.getByLabel('Why was it lost?').fill('Chose to build in-house');
    await reason.getByRole('button', { name: 'Move' }).click();
    await expect(page.getByTestId('column-LOST').getByTestId('partner-card').filter({ hasText: 'Keyboard Labs' })).toBeVisible();
    const list = await api.query<{ items: { company: string; stage: string }[] }>('partners.list', { q: 'Keyboard Labs' });
    expect(list.items.find((p) => p.company === 'Keyboard Labs')?.stage).toBe('LOST');
  });

  test('a long column shows its first 50 cards and more on demand; the table pages and the CSV has every row', async ({ page, api }) => {
    const prefix = `Pager ${Date.now().toString(36)}`;
    const rows = Array.from({ length: 55 }, (_, i) => `${prefix} ${String(i).padStart(2, '0')},OTHER,OSS,HOSTED,${credentials('sales').email}`);
    const res = await api.mutate('partners.importCommit', { csv: ['company,segment,package,track,owner_email', ...rows].join('\n') });
    expect(res.ok()).toBe(true);

    await page.goto(`/partners?q=${encodeURIComponent(prefix)}`);
    const lead = page.getByTestId('column-LEAD');
    await expect(lead.getByTestId('column-count')).toHaveText('55 partners');
    await expect(lead.getByTestId('partner-card')).toHaveCount(50);
    await lead.getByRole('button', { name: 'Show more (5 more)' }).click();
    await expect(lead.getByTestId('partner-card')).toHaveCount(55);
    await expect(lead.getByRole('button', { name: /Show more/ })).toHaveCount(0);

    await page.goto(`/partners?view=table&q=${encodeURIComponent(prefix)}`);
    await expect(page.getByTestId('partner-row')).toHaveCount(50);
    await expect(page.getByTestId('table-range')).toHaveText('1–50 of 55');
    await expect(page.getByTestId('partner-row').first()).toContainText(`${prefix} 00`);
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect(page.getByTestId('partner-row')).toHaveCount(5);
    await expect(page.getByTestId('partner-row').last()).toContainText(`${prefix} 54`);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += chunk;
      return text;
    });
    expect(csv.trim().split(/\r?\n/)).toHaveLength(56);
  });
});
