import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

interface Row {
  id: number;
  name: string;
  status: string;
  downstream_pipeline?: { id: number; project_id: number } | null;
}

async function api<T>(sim: SimHandle, path: string): Promise<T> {
  const res = await fetch(`${sim.url}/api/v4${path}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  return (await res.json()) as T;
}

// acme/platform/storefront (project 5): its newest pipeline's child pipelines hold 30 failed jobs;
// eight services jobs lost their database three pipelines ago (gitlab-sim/world/seed.ts).
test.describe.configure({ timeout: 90_000 });

test('Why did it fail: a child pipeline’s failed job, its first error, its group and since when; the line opens the log there', async ({ page, connect, sim, expectAccessible }) => {
  const [newest, , third] = await api<Row[]>(sim, '/projects/5/pipelines?ref=main&per_page=5');
  if (!newest || !third) throw new Error('storefront has no history');
  const services = (await api<Row[]>(sim, `/projects/5/pipelines/${newest.id}/bridges`)).find((b) => b.name === 'services')?.downstream_pipeline;
  const brokeIn = (await api<Row[]>(sim, `/projects/5/pipelines/${third.id}/bridges`)).find((b) => b.name === 'services')?.downstream_pipeline;
  if (!services || !brokeIn) throw new Error('no services child pipeline');

  await connect(page);
  // GitLab's own URL for the tab.
  await page.goto(`/acme/platform/storefront/-/pipelines/${newest.id}/failures`);
  await expect(page.getByRole('link', { name: 'Failures' })).toHaveAttribute('aria-current', 'page');
  const digest = page.getByRole('region', { name: 'Failures' });
  await expect(digest).toHaveAttribute('data-complete', 'true', { timeout: 60_000 });
  await expect(digest.getByRole('status')).toContainText('30 failed jobs in 3 downstream pipelines, 8 causes');

  // The database outage is one group of eight, not eight rows of noise.
  const group = digest.getByRole('region', { name: /^8 jobs: PG::ConnectionBad: connection to server at "postgres"/ });
  await expect(group).toBeVisible();
  const row = group.getByRole('listitem', { name: `api-orders in child pipeline services #${services.id}` });
  await expect(row).toContainText('The script failed');
  await expect(row).toContainText(`Failing since #${brokeIn.id}`);
  await expect(row).toContainText('(3 pipelines)');
  const line = row.getByRole('list', { name: 'First error lines of api-orders' }).getByRole('link').first();
  await expect(line).toContainText('port 5432 failed: Connection refused');
  const lineLabel = (await line.locator('.failure-line__number').textContent()) ?? '';
  expect(lineLabel).toMatch(/^L\d+$/);
  await page.screenshot({ path: 'test-results/failures-tab.png', fullPage: false });
  await expectAccessible(page, 'the failures tab');

  // The line opens the job's log at that line.
  await line.click();
  await expect(page).toHaveURL(new RegExp(`/acme/platform/storefront/-/jobs/\\d+#${lineLabel}$`));
  await expect(page.getByRole('region', { name: 'Why it failed' })).toContainText(`Failing since #${brokeIn.id}`);
  const logLine = page.locator(`[data-line="${lineLabel.slice(1)}"]`);
  await expect(logLine).toContainText('Connection refused', { timeout: 20_000 });
});
