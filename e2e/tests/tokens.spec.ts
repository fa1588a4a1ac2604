import { request as playwrightRequest } from '@playwright/test';
import { expect, expectAccessible, test } from '../fixtures';
import { baseURL } from '../playwright.config';

/** A machine client: no session cookie, only what it sends. */
const machine = () => playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });

test.describe('personal access tokens', () => {
  test.use({ role: 'sales' });

  test('a person makes a read-only token on their profile, reads the REST API as themself, and revoking stops it', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('profile-link').click();
    await expect(page).toHaveURL(/\/profile$/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await dialog.getByLabel('Name').fill('E2E laptop');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const token = await page.getByTestId('revealed-token').inputValue();
    expect(token).toMatch(/^aionis_pt_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByTestId('my-token-row').filter({ hasText: 'E2E laptop' });
    await expect(row).toContainText('Read only');
    expect(await page.content()).not.toContain(token);

    const client = await machine();
    const auth = { Authorization: `Bearer ${token}` };
    const me = await client.get('/api/v1/me', { headers: auth });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'sales' });
    const gate = await client.get('/api/v1/gates/B.production-gates', { headers: auth });
    expect(gate.status()).toBe(200);
    const write = await client.post('/api/v1/evidence', { headers: auth, data: { key: 'B.production-gates', kind: 'REPORT', title: 'x', url: 'https://example.com/x' } });
    expect(write.status()).toBe(403);
    expect(await write.json()).toMatchObject({ code: 'FORBIDDEN', message: 'This token is read-only' });

    await page.reload();
    await expect(row).not.toContainText('Never');
    await page.getByRole('button', { name: 'Revoke: E2E laptop' }).click();
    await page.getByRole('dialog', { name: 'Revoke “E2E laptop”?' }).getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toContainText('Revoked');
    expect((await client.get('/api/v1/me', { headers: auth })).status()).toBe(401);
    await client.dispose();
  });
});
