import { expect, test } from './fixtures.ts';

test('a running job turns to passed in the jobs table without a reload', async ({ page, connect, sim }) => {
  await connect(page);
  await page.goto('/acme/platform/backend/-/jobs');
  const table = page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' });
  const running = table.locator('tr', { has: page.locator('[data-status="running"]') }).first();
  await expect(running).toBeVisible();
  const jobId = await running.getAttribute('data-job-id');
  expect(jobId).toMatch(/^\d+$/);
  const row = table.locator(`tr[data-job-id="${jobId}"]`);

  // Mark the document so a reload would be noticed.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });

  // Let simulated time pass until the job has finished; the table polls by itself.
  await expect(async () => {
    await sim.clock({ advance_ms: 60_000 });
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'success', { timeout: 4_000 });
  }).toPass({ timeout: 25_000 });
  await expect(row).toContainText('passed');
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});
