import { expect, test, TOKENS } from './fixtures.ts';

interface ApiJob {
  id: number;
  name: string;
  status: string;
}

test('a job someone retries in GitLab appears, runs and turns to passed in the table without a reload', async ({ page, connect, sim }) => {
  await connect(page);
  await page.goto('/acme/platform/backend/-/jobs');
  const table = page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' });
  await expect(table).toBeVisible();

  // Mark the document so a reload would be noticed.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });

  // A colleague retries `lint` in GitLab (the seed decides that this retry will pass).
  const api = `${sim.url}/api/v4/projects/1`;
  const headers = { 'PRIVATE-TOKEN': TOKENS.api };
  const jobs = (await (await fetch(`${api}/jobs?per_page=50&scope[]=success`, { headers })).json()) as ApiJob[];
  const lint = jobs.find((j) => j.name === 'lint');
  expect(lint, 'a passed lint job in the seed').toBeDefined();
  const retried = (await (await fetch(`${api}/jobs/${lint?.id}/retry`, { method: 'POST', headers })).json()) as ApiJob;
  expect(retried.status).toBe('pending');

  const status = table.locator(`[role="row"][data-job-id="${retried.id}"] [data-status]`);
  await expect(status, 'the new job shows up by itself').toHaveAttribute('data-status', 'pending', { timeout: 10_000 });

  await sim.clock({ advance_ms: 10_000 });
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 10_000 });
  await expect(status).toHaveText('running');

  await sim.clock({ advance_ms: 120_000 });
  await expect(status).toHaveAttribute('data-status', 'success', { timeout: 10_000 });
  await expect(status).toHaveText('passed');

  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});
