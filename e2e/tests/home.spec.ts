import { expect, expectAccessible, test } from '../fixtures';

interface HomeOverview {
  plan: {
    id: string;
    name: string;
    timeline: { state: 'before' | 'inside' | 'after'; day: number; lengthDays: number; daysUntilStart: number; daysSinceEnd: number };
    currentPhase: { key: string; name: string; daysLeft: number } | null;
    phases: { key: string; gates: { id: string; title: string }[] }[];
  } | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

test.describe('the leadership home', () => {
  test.use({ role: 'leadership' });

  test('shows the current phase and day, and a tile per gate that links to the gate', async ({ page, api }) => {
    const { plan } = await api.query<HomeOverview>('home.overview');
    expect(plan).not.toBeNull();
    const { timeline, currentPhase } = plan!;
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan!.name);
    await expect(page.getByTestId('home-day')).toHaveText(
      timeline.state === 'inside'
        ? `Day ${timeline.day} of ${timeline.lengthDays}`
        : timeline.state === 'after'
          ? `Ended ${plural(timeline.daysSinceEnd, 'day')} ago`
          : `Starts in ${plural(timeline.daysUntilStart, 'day')}`,
    );
    await expect(page.getByTestId('home-phase')).toHaveText(currentPhase ? `Phase ${currentPhase.key} · ${currentPhase.name}` : 'No phase is running today');

    const gates = plan!.phases.flatMap((p) => p.gates);
    expect(gates.length).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('home-gate-tile')).toHaveCount(gates.length);
    for (const key of ['A', 'B', 'C']) await expect(page.getByRole('heading', { name: new RegExp(`^Phase ${key} · `) })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Overdue/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Due this week/ })).toBeVisible();
    await expect(page.getByTestId('home-funnel-target')).toHaveCount(3);
    await expect(page.getByTestId('home-kpi').first()).toBeVisible();

    const gate = gates.find((g) => g.title === 'Docs links all green')!;
    const tile = page.getByTestId('home-gate-tile').filter({ hasText: gate.title });
    await expect(tile).toContainText(/criteria met|No criteria/);
    await tile.getByRole('link', { name: gate.title }).click();
    await expect(page).toHaveURL(new RegExp(`/gates/${gate.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(gate.title);
  });

  test('the same page in Chinese', async ({ page, api }) => {
    const { plan } = await api.query<HomeOverview>('home.overview');
    await page.goto('/');
    await expect(page.getByTestId('home-gate-tile').first()).toBeVisible();
    await page.getByTestId('language-switch').selectOption('zh-CN');
    try {
      await expect(page.getByRole('link', { name: '首页', exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { name: '当前进展' })).toBeVisible();
      await expect(page.getByTestId('home-day')).toHaveText(/天/);
      await expect(page.getByRole('heading', { name: /^关口/ })).toBeVisible();
      await expect(page.getByRole('heading', { name: /^本周到期/ })).toBeVisible();
      await expect(page.getByRole('heading', { name: '合作伙伴漏斗' })).toBeVisible();
      await expect(page.getByTestId('home-gate-tile')).toHaveCount(plan!.phases.reduce((n, p) => n + p.gates.length, 0));
      await expect(page.getByTestId('home-gate-tile').first()).toContainText(/项标准|无标准/);
      await expectAccessible(page);
    } finally {
      await page.getByTestId('language-switch').selectOption('en');
      await expect(page.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
    }
  });

  test('passes the accessibility checks', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('home-gate-tile').first()).toBeVisible();
    await expect(page.getByTestId('home-kpi').first()).toBeVisible();
    await expectAccessible(page);
  });

  test('fits a 390px phone without scrolling sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await expect(page.getByTestId('home-gate-tile').first()).toBeVisible();
    await expect(page.getByTestId('home-kpi').first()).toBeVisible();
    // A string: the e2e project compiles without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    // One column: the tiles sit one above the other.
    const [first, second] = await page.getByTestId('home-gate-tile').evaluateAll((tiles) => tiles.slice(0, 2).map((t) => t.getBoundingClientRect().left));
    expect(first).toBe(second);
  });

  test('shows the stability-first banner while a gate of the plan is blocked', async ({ page, api }) => {
    const plan = await api.currentPlan();
    const phaseC = plan.phases.find((p) => p.key === 'C')!;
    const res = await api.mutate('gates.create', { phaseId: phaseC.id, title: 'Home banner check (blocked)', status: 'BLOCKED' });
    expect(res.ok()).toBe(true);
    const { id } = (await res.json()).result.data as { id: string };
    try {
      await page.goto('/');
      await expect(page.getByTestId('stability-banner')).toContainText('Home banner check (blocked)');
      await expect(page.getByTestId('home-gate-tile').filter({ hasText: 'Home banner check (blocked)' })).toContainText('Blocked');
    } finally {
      expect((await api.mutate('gates.archive', { id })).ok()).toBe(true);
    }
    await page.reload();
    await expect(page.getByTestId('home-gate-tile').first()).toBeVisible();
    await expect(page.getByTestId('home-gate-tile').filter({ hasText: 'Home banner check (blocked)' })).toHaveCount(0);
  });

  test('an old link to a plan on the home page goes to the plan page', async ({ page, api }) => {
    const plan = await api.currentPlan();
    await page.goto(`/?plan=${plan.id}`);
    await expect(page).toHaveURL(new RegExp(`/plan\\?plan=${plan.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan.name);
    await expect(page.getByTestId('deliverable-row').first()).toBeVisible();
  });
});
