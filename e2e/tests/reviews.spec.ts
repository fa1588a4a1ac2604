import { credentials, expect, expectAccessible, test } from '../fixtures';

interface ReviewView {
  id: string;
  weekStart: string;
  status: string;
  version: number;
  decisions: { text: string }[];
}

test.describe('weekly review', () => {
  test.use({ role: 'leadership' });

  test('leadership opens this week, records notes, a decision and an action item, closes it, and it stays closed', async ({ page, api }) => {
    await page.goto('/reviews');
    await page.getByRole('button', { name: "Open this week's review" }).click();
    await expect(page).toHaveURL(/\/reviews\/\d{4}-\d{2}-\d{2}$/);
    const week = page.url().split('/').at(-1)!;
    await expect(page.getByTestId('review-status')).toHaveText('Draft');

    // Every section is there; one with nothing in it says so.
    for (const title of ['1. Blocked gates and stability first', '4. Design partners', '7. Open action items carried over', '8. Stale items (no update in 14 days)']) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
    await expect(page.getByTestId('section-actions')).toContainText('No open action items from earlier reviews.');
    await expectAccessible(page);

    // A note, previewed and saved.
    const gates = page.getByTestId('section-gates');
    await gates.getByRole('button', { name: 'Add notes' }).click();
    await gates.getByRole('textbox', { name: /Notes on/ }).fill('Docs gate needs **one more** green run');
    await gates.getByRole('tab', { name: 'Preview' }).click();
    await expect(gates.getByText('one more', { exact: true })).toBeVisible();
    await gates.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('note-gates')).toContainText('Docs gate needs one more green run');

    // A decision.
    const decisions = page.getByTestId('decisions');
    await decisions.getByRole('button', { name: 'Record a decision' }).click();
    await decisions.getByRole('textbox', { name: 'Decision', exact: true }).fill('Hold the launch post until the docs gate passes');
    await decisions.getByRole('button', { name: 'Save' }).click();
    await expect(decisions).toContainText('Hold the launch post until the docs gate passes');
    await expect(decisions).toContainText('decided by');

    // An action item for the pm.
    const actions = page.getByTestId('action-items');
    await actions.getByRole('button', { name: 'Add an action item' }).click();
    await actions.getByRole('textbox', { name: 'What' }).fill('Re-run the docs link check');
    await actions.getByLabel('Owner').click();
    await page.getByRole('option', { name: credentials('pm').name }).click();
    await actions.getByRole('button', { name: 'Save' }).click();
    // Other specs may have given this week's review action items of their own.
    await expect(actions.getByTestId('action-item').filter({ hasText: 'Re-run the docs link check' })).toBeVisible();

    // Close, after confirming.
    await page.getByRole('button', { name: 'Close review' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('cannot be reopened');
    await dialog.getByRole('button', { name: 'Close for good' }).click();
    await expect(page.getByTestId('review-status')).toHaveText('Closed');
    await expect(page.getByTestId('closed-banner')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add notes' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Record a decision' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Close review' })).toHaveCount(0);
    await expect(page.getByTestId('note-gates')).toContainText('Docs gate needs one more green run');

    // The server refuses an edit after close.
    const review = await api.query<ReviewView>('reviews.byWeek', { weekStart: week });
    expect(review.status).toBe('CLOSED');
    const refused = await api.mutate('reviews.addDecision', { reviewId: review.id, text: 'Too late', decidedByName: 'Ada Admin' });
    expect(refused.status()).toBe(412);
    expect((await api.query<ReviewView>('reviews.byWeek', { weekStart: week })).decisions.map((d) => d.text)).toEqual(['Hold the launch post until the docs gate passes']);

    // The Markdown export has the decision; the download button hands over the same file.
    const { markdown } = await api.query<{ markdown: string }>('reviews.exportMarkdown', { weekStart: week });
    expect(markdown).toContain('- Hold the launch post until the docs gate passes — decided by');
    expect(markdown).toContain('Nothing this week.');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Markdown' }).click();
    expect((await download).suggestedFilename()).toBe(`weekly-review-${week}.md`);

    // Listed as closed.
    await page.getByRole('link', { name: 'All reviews' }).click();
    await expect(page.getByRole('row').nth(1)).toContainText('Closed');
  });
});
