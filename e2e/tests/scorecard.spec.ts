import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../fixtures';

interface Scorecard {
  deliverables: { done: number; total: number };
  readiness: { canExit: boolean; open: number; items: { key: string; ok: boolean }[] };
}

test.describe('the phase scorecard', () => {
  test.use({ role: 'pm' });

  test('says phase A cannot exit; a deliverable marked done counts at once', async ({ page, api }) => {
    // Other specs share the database, so the starting point is read rather than assumed.
    const before = await api.query<Scorecard>('phases.scorecard', { key: 'A' });
    expect(before.readiness.canExit).toBe(false);
    const { done, total } = before.deliverables;

    await page.goto('/phases/A');
    const card = page.getByTestId('phase-scorecard');
    await expect(card.getByRole('heading', { name: 'Scorecard' })).toBeVisible();
    await expect(card.getByTestId('exit-verdict')).toHaveText(`Phase A cannot exit yet: ${before.readiness.open} of 5 checks open`);
    await expect(card.getByTestId('scorecard-deliverables')).toHaveText(`${done} of ${total}`);
    const checklist = card.getByTestId('exit-checklist').getByRole('listitem');
    await expect(checklist).toHaveCount(5);
    await expect(checklist.first()).toContainText('Every deliverable done or dropped');
    await expect(checklist.first()).toHaveAttribute('data-ok', 'false');
    await expect(card.getByRole('img', { name: 'Burn-up of deliverables' })).toBeVisible();
    await expect(card.getByTestId('burn-up-summary')).toContainText(`${total} due by the end of the phase`);
    // The card itself; the rest of the page has its own checks in phase.spec.ts.
    const axe = await new AxeBuilder({ page }).include('[data-testid="phase-scorecard"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html.slice(0, 160)}`)).toEqual([]);

    const open = (await api.currentPlan()).phases[0]!.deliverables.find((d) => d.status !== 'DONE' && d.status !== 'DROPPED')!;
    const row = page.getByTestId('deliverable-row').filter({ hasText: open.title });
    await row.getByRole('button', { name: /change status of/ }).click();
    await page.getByRole('menuitem', { name: 'Done' }).click();
    await expect(card.getByTestId('scorecard-deliverables')).toHaveText(`${done + 1} of ${total}`);

    const after = await api.query<Scorecard>('phases.scorecard', { key: 'A' });
    expect(after.deliverables).toMatchObject({ done: done + 1, total });
  });

  test('reads in Chinese', async ({ page }) => {
    await page.goto('/phases/A');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('exit-verdict')).toContainText('阶段 A 尚不能结束');
    await expect(page.getByRole('heading', { name: '结束检查' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
  });
});
