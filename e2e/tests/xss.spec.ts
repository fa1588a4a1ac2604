import { expect, test } from '../fixtures';

// Text people write (Markdown notes, names) is shown, never run: a name renders as text, Markdown drops
// raw HTML and defuses javascript: links, and no script of a stored payload executes.
const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '[click](javascript:window.__xss=3)'];

test('stored script in Markdown and names renders as text and never runs', async ({ page, api }) => {
  const company = `XSS Labs <img src=x onerror="window.__xss=4"> ${Date.now()}`;
  const created = await api.mutate('partners.create', { company, segment: 'OTHER', package: 'OSS', track: 'HOSTED' });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()).result.data as { id: string };
  const logged = await api.mutate('partners.logActivity', { partnerId: id, kind: 'NOTE', occurredOn: '2026-03-10', text: payloads.join('\n\n') });
  expect(logged.ok()).toBe(true);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/partners/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('XSS Labs <img src=x');
  // In the Markdown note, raw HTML is dropped (not rendered, not run) and the javascript: link is defused.
  const link = page.getByRole('link', { name: 'click', exact: true });
  await expect(link).toBeVisible();
  expect(await link.getAttribute('href')).not.toMatch(/^\s*javascript:/i);
  await expect(page.locator('a[href^="javascript:"], img[src="x"]')).toHaveCount(0);
  await page.goto('/partners');
  await expect(page.getByText(company)).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
