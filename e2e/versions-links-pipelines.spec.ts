// Stories of issue 14: every GitLab version, every GitLab link, and the pipelines list.
import type { Page } from '@playwright/test';
import { expect, test, TOKENS } from './fixtures.ts';

interface Row {
  id: number;
  name: string;
  status: string;
  ref?: string;
  pipeline?: { id: number };
  artifacts_file?: unknown;
  artifacts_expire_at?: string | null;
}

async function api<T>(simUrl: string, path: string): Promise<T> {
  const res = await fetch(`${simUrl}/api/v4${path}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  return (await res.json()) as T;
}

async function setVersion(simUrl: string, version: string): Promise<void> {
  const res = await fetch(`${simUrl}/-/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_version: version }) });
  if (!res.ok) throw new Error(`faults: ${res.status}`);
}

async function noErrorPanel(page: Page): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: /Not found|failed|error/i })).toHaveCount(0);
}

for (const version of ['9', '12', '15', '17', '18']) {
  test(`on GitLab ${version} I open the job list, a job, a pipeline's graph and a job's artifacts without an error`, async ({ page, connect, sim }) => {
    await setVersion(sim.url, version);
    const jobs = await api<Row[]>(sim.url, '/projects/1/jobs?per_page=100');
    const job = jobs.find((j) => j.status === 'success' && j.artifacts_file && !j.artifacts_expire_at?.startsWith('19')) ?? jobs.find((j) => j.status === 'success');
    expect(job, 'a finished job').toBeTruthy();
    await connect(page);

    await page.goto('/acme/platform/backend/-/jobs');
    await expect(page.getByRole('table', { name: /jobs of acme\/platform\/backend/i })).toBeVisible({ timeout: 15_000 });
    await noErrorPanel(page);

    await page.goto(`/acme/platform/backend/-/jobs/${job?.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(job?.name ?? '', { timeout: 15_000 });
    await noErrorPanel(page);

    await page.goto(`/acme/platform/backend/-/pipelines/${job?.pipeline?.id}`);
    await expect(page.getByRole('list', { name: `Stages of pipeline #${job?.pipeline?.id}` })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Not found')).toHaveCount(0);

    await page.goto(`/acme/platform/backend/-/jobs/${job?.id}/artifacts/browse`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 15_000 });
    await noErrorPanel(page);
  });
}

test('on GitLab 9 the job list does not ask for a status that version cannot filter by, and says so', async ({ page, connect, sim }) => {
  await setVersion(sim.url, '9');
  await connect(page);
  await page.goto('/acme/platform/backend/-/jobs?scope=manual&scope=failed');
  const table = page.getByRole('table', { name: /jobs of acme\/platform\/backend/i });
  await expect(table).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('note').filter({ hasText: 'This GitLab cannot filter jobs by manual (needs GitLab 12.0 or later)' })).toBeVisible();
  await noErrorPanel(page);
  // The rows are the failed ones the host could filter by.
  await expect(table.locator('[role="row"][data-job-id]').first()).toBeVisible();
  await page.getByRole('button', { name: /^Status:/ }).click();
  await expect(page.getByRole('menuitemcheckbox', { name: /^scheduled \(needs GitLab 11.4 or later\)/ })).toBeDisabled();

  await page.goto('/acme/platform/backend/-/jobs?scope=manual');
  await expect(page.getByRole('heading', { name: 'This GitLab cannot filter by that status' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Show every status' }).click();
  await expect(table).toBeVisible({ timeout: 15_000 });
});

test('I filter the pipelines list, watch a pipeline finish, and open it', async ({ page, connect, sim }) => {
  await connect(page);
  await page.goto('/acme/platform/backend');
  // The project root opens its jobs; Pipelines is the tab beside Jobs.
  await expect(page).toHaveURL(/\/acme\/platform\/backend\/-\/jobs$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipelines' }).click();
  const table = page.getByRole('table', { name: 'Pipelines of acme/platform/backend' });
  await expect(table).toBeVisible({ timeout: 15_000 });
  await expect(table.getByRole('list', { name: /^Stages of pipeline #\d+$/ }).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/pipelines-list.png', fullPage: true });

  // Tags tab, then a ref filter, both in the URL.
  await page.getByRole('button', { name: 'Tags' }).click();
  await expect(page).toHaveURL(/scope=tags/);
  await expect(table.locator('tbody tr')).toHaveCount(1, { timeout: 15_000 });
  await expect(table.getByText('v1.4.0')).toBeVisible();
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByLabel('Branch or tag').fill('main');
  await page.getByLabel('Status').selectOption('running');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page).toHaveURL(/ref=main/);
  await expect(page).toHaveURL(/status=running/);
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 15_000 });
  for (const status of await table.locator('tbody .status-badge').allTextContents()) expect(status.trim()).toBe('running');
  await page.screenshot({ path: 'test-results/pipelines-list-filtered.png', fullPage: true });

  // One running pipeline that an hour of clock finishes (no stuck statuses), found through its commit
  // (`?sha=`, what a /-/commit/:sha link opens): new pipelines keep arriving on main meanwhile.
  const candidates = await api<{ id: number; sha: string; ref: string }[]>(sim.url, '/projects/1/pipelines?status=running&ref=main&per_page=20');
  let chosen: { id: number; sha: string } | undefined;
  for (const c of candidates) {
    const jobs = await api<Row[]>(sim.url, `/projects/1/pipelines/${c.id}/jobs?per_page=100`);
    if (jobs.every((j) => !['canceling', 'waiting_for_resource', 'waiting_for_callback', 'preparing', 'scheduled'].includes(j.status))) {
      chosen = c;
      break;
    }
  }
  expect(chosen, 'a running pipeline that will finish').toBeTruthy();
  const id = String(chosen?.id);
  await page.goto(`/acme/platform/backend/-/pipelines?sha=${chosen?.sha}`);
  const row = table.locator(`tr[data-pipeline="${id}"]`);
  await expect(row.getByRole('link', { name: new RegExp(`^Pipeline #${id}: running`) })).toBeVisible({ timeout: 15_000 });
  await sim.clock({ advance_ms: 3 * 60 * 60_000 });
  await expect(row.getByRole('link', { name: new RegExp(`^Pipeline #${id}: (?!running)`) })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/pipelines-list-live.png', fullPage: true });

  await row.getByRole('link', { name: `#${id}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/-/pipelines/${id}$`));
  await expect(page.getByRole('list', { name: `Stages of pipeline #${id}` })).toBeVisible({ timeout: 15_000 });
});

test('GitLab links pasted or typed open their nearest page, and a malformed id says what is wrong', async ({ page, connect, sim }) => {
  const pipelines = await api<{ id: number; sha: string }[]>(sim.url, '/projects/1/pipelines?per_page=5');
  const p = pipelines[0];
  await connect(page);
  const paste = async (link: string) => {
    await page.goto('/');
    await page.getByLabel('GitLab URL').fill(link);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  };

  await paste(`${sim.url}/acme/platform/backend/-/pipelines/${p?.id}/failures`);
  await expect(page).toHaveURL(new RegExp(`/acme/platform/backend/-/pipelines/${p?.id}/failures$`));
  await expect(page.getByRole('link', { name: 'Failures' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('region', { name: 'Failures' })).toBeVisible({ timeout: 15_000 });

  // GitLab's Jobs tab opens the pipeline's graph.
  await paste(`${sim.url}/acme/platform/backend/-/pipelines/${p?.id}/builds`);
  await expect(page).toHaveURL(new RegExp(`/acme/platform/backend/-/pipelines/${p?.id}/builds$`));
  await expect(page.getByRole('list', { name: `Stages of pipeline #${p?.id}` })).toBeVisible({ timeout: 15_000 });

  await paste(`${sim.url}/acme/platform/backend/-/commit/${p?.sha}`);
  await expect(page).toHaveURL(new RegExp(`/acme/platform/backend/-/pipelines\\?sha=${p?.sha}$`));
  await expect(page.getByRole('table', { name: 'Pipelines of acme/platform/backend' }).locator(`tr[data-pipeline="${p?.id}"]`)).toBeVisible({ timeout: 15_000 });

  const [someJob] = await api<Row[]>(sim.url, `/projects/1/pipelines/${p?.id}/jobs?per_page=1`);
  await paste(`${sim.url}/acme/platform/backend/-/jobs/${someJob?.id}/raw`);
  await expect(page).toHaveURL(new RegExp(`/acme/platform/backend/-/jobs/${someJob?.id}/raw$`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Raw log of .* #${someJob?.id}$`) })).toBeVisible({ timeout: 15_000 });

  await paste(`${sim.url}/acme/platform/backend/-/jobs/abc`);
  await expect(page.getByText(/“abc” is not a job id/)).toBeVisible();

  // Typed into the address bar, the same links resolve the same way.
  await page.goto(`/1/-/commit/${p?.sha}`);
  await expect(page).toHaveURL(new RegExp(`/1/-/pipelines\\?sha=${p?.sha}$`));
  await page.goto('/acme/platform/backend/-/jobs/abc');
  await expect(page.getByText(/“abc” is not a job id/)).toBeVisible();
  await page.goto('/acme/platform/backend/-/pipelines?scope=finished');
  await expect(page.getByRole('button', { name: 'Finished' })).toHaveAttribute('aria-pressed', 'true');
});
