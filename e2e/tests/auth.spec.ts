import { credentials, expect, test } from '../fixtures';
import { freshURL } from '../playwright.config';

test.describe('signed out', () => {
  test.use({ role: null });

  test('signs in through the form, lands where it was going, and signs out', async ({ page }) => {
    await page.goto('/phases/B');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fphases%2FB/);
    const { email, password } = credentials('pm');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/phases\/B$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Phase B/);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('a wrong password gets a generic message; repeated failures are throttled', async ({ page }) => {
    const { email, password } = credentials('throttled');
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/^Password/).fill(`wrong-password-${i}-xx`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('Email or password is not right.');
    }
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/Too many failed attempts/);
    await expect(page).toHaveURL(/\/login/);
  });

  test('only follows local redirects after sign-in', async ({ page }) => {
    const { email, password } = credentials('leadership');
    await page.goto('/login?redirect=https%3A%2F%2Fevil.example%2F');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${new URL(page.url()).origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('a sales user', () => {
  test.use({ role: 'sales' });

  test('sees the plan but no gate controls, and the API refuses the edit', async ({ page, api }) => {
    await page.goto('/phases/A');
    const row = page.getByTestId('gate-row').first();
    await expect(row).toBeVisible();
    await expect(row.getByTestId('status-menu')).toHaveCount(0);
    // A row's menu may offer its history, never editing or deleting.
    const actions = row.getByRole('button', { name: /^Actions:/ });
    if ((await actions.count()) > 0) {
      await actions.click();
      await expect(page.getByRole('menuitem', { name: 'Edit' })).toHaveCount(0);
      await expect(page.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
      await page.keyboard.press('Escape');
    }
    await expect(page.getByRole('button', { name: 'Add gate' })).toHaveCount(0);

    const before = (await api.currentPlan()).phases[0]!.gates[0]!;
    const res = await page.request.post('/trpc/gates.update', { data: { id: before.id, version: before.version, status: 'BLOCKED' } });
    expect(res.status()).toBe(403);
    expect((await api.currentPlan()).phases[0]!.gates[0]!).toMatchObject({ status: before.status, version: before.version });
  });
});

test.describe('an ended session', () => {
  test.use({ role: 'viewer' });

  test('sends the reader to sign in and back to the page', async ({ page, context }) => {
    await page.goto('/phases/C');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Phase C/);
    await context.clearCookies();
    await page.getByRole('link', { name: 'A', exact: true }).click();
    await expect(page).toHaveURL(/\/login\?(.*)redirect=%2Fphases%2FA/);
    const { email, password } = credentials('viewer');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/phases\/A$/);
  });
});

test.describe('first run', () => {
  test.use({ role: null, baseURL: freshURL });

  test('offers to create the first admin, then the page is gone', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
    await page.getByLabel('Name').fill('Grace Admin');
    await page.getByLabel('Email').fill('grace@example.test');
    await page.getByLabel(/^Password/).fill('password1234');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect(page.getByText('This password is too common; choose another')).toBeVisible();
    await page.getByLabel(/^Password/).fill('grace-picks-a-long-one');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    // Creating the account hashes the password and signs in: allow a slow machine its time.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aionis launch — first 180 days', { timeout: 20_000 });
    await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();

    await page.goto('/setup');
    await expect(page).toHaveURL(/\/$/);
  });
});
