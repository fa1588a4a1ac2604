import { expect, expectAccessible, test } from '../fixtures';

test.describe('the console at the keyboard', () => {
  test.use({ role: 'sales' });

  test('keyboard only: open the palette, find a partner, log a call, go to this week’s review', async ({ page }) => {
    const company = `Palette Partners ${Date.now()}`;
    // Created as the signed-in seller, who then owns it and may log on it.
    const created = await page.request.post('/trpc/partners.create', { data: { company, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' } });
    expect(created.ok()).toBe(true);
    const partnerId = (await created.json()).result.data.id as string;

    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Search and commands (Ctrl+K)' })).toBeVisible();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Go to a page, find anything by name, or run a command' });
    await expect(search).toBeFocused();
    await expectAccessible(page);

    await page.keyboard.type(company.slice(0, 14));
    const hit = page.getByRole('button', { name: new RegExp(company) });
    await expect(hit).toBeVisible();
    // Arrow keys move through the palette; the found partner is first among the results after this page's actions.
    while (!(await hit.getAttribute('data-selected'))) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/partners/${partnerId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(company);

    // `c` on a partner goes to the activity log; the kind is a call already.
    await page.keyboard.press('c');
    const text = page.getByLabel('What happened');
    await expect(text).toBeFocused();
    await page.keyboard.type('Intro call with the CTO');
    // Typing `g`, `c` or `?` in a field is text, never a shortcut.
    await page.keyboard.type(' g r ?');
    await expect(page).toHaveURL(new RegExp(`/partners/${partnerId}$`));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Intro call with the CTO g r ?')).toBeVisible();

    // Leave the field, then `g r`: this week's review.
    const focused = page.locator(':focus');
    if (await focused.count()) await focused.blur();
    await page.keyboard.press('g');
    await page.keyboard.press('r');
    await expect(page).toHaveURL(/\/reviews\/\d{4}-\d{2}-\d{2}$/);
    const week = new URL(page.url()).pathname.split('/').pop()!;
    expect(new Date(`${week}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  test('`?` shows the shortcuts; `g p` goes to the plan and `j` moves through its rows', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Search and commands (Ctrl+K)' })).toBeVisible();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByText('Go to the partners board')).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await expect(page).toHaveURL(/\/plan$/);
    const rows = page.getByTestId('deliverable-row');
    await expect(rows.first()).toBeVisible();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(rows.nth(1).locator(':focus')).toHaveCount(1);
    await page.keyboard.press('k');
    await expect(rows.nth(0).locator(':focus')).toHaveCount(1);
  });

  test('the palette switches the language and finds Chinese names by their characters', async ({ page, api }) => {
    const company = `深度求索键盘 ${Date.now()}`;
    expect((await api.mutate('partners.create', { company, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' })).ok()).toBe(true);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Search and commands (Ctrl+K)' })).toBeVisible();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Go to a page, find anything by name, or run a command' });
    await expect(search).toBeFocused();
    await page.keyboard.type('切换');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.keyboard.press('Control+K');
    await expect(page.getByRole('textbox', { name: '前往页面、按名称查找任何内容或执行命令' })).toBeFocused();
    await page.keyboard.type('求索键');
    await expect(page.getByRole('button', { name: new RegExp(company) })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('aionis.language', 'en'));
  });
});
