/**
 * Acting on jobs, as a person does it: run a manual job with variables and read them in its
 * log, retry a failed job and land on the new one, erase a finished job, cancel a running one
 * from the list, and a read-only token that can only look.
 */
import type { Page } from '@playwright/test';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

interface ApiJob {
  id: number;
  name: string;
  status: string;
  ref: string;
  started_at?: string | null;
  artifacts_file?: unknown;
}

const JOBS = '/acme/platform/backend/-/jobs';

async function seededJob(sim: SimHandle, test: (j: ApiJob) => boolean, what: string): Promise<ApiJob> {
  for (let page = 1; page <= 4; page++) {
    const response = await fetch(`${sim.url}/api/v4/projects/1/jobs?per_page=100&page=${page}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
    const hit = ((await response.json()) as ApiJob[]).find(test);
    if (hit) return hit;
  }
  throw new Error(`no ${what} in the seed`);
}

/** Refresh every second instead of every five, so the stories stay short. */
async function fastRefresh(page: Page): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { refresh?: Record<string, number> };
    await route.fulfill({ response, json: { ...config, refresh: { ...config.refresh, activeMs: 1000 } } });
  });
}

const jobActions = (page: Page, name: string) => page.getByRole('group', { name: `Actions for ${name}` });

test('I run a manual deploy with two variables and read them in its log', async ({ page, sim, connect, expectAccessible }) => {
  await fastRefresh(page);
  const job = await seededJob(sim, (j) => j.name === 'deploy-production' && j.status === 'manual' && j.ref === 'main', 'manual deploy');
  await connect(page);
  await page.goto(`${JOBS}/${job.id}`);
  await jobActions(page, 'deploy-production').getByRole('button', { name: 'Run…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Run deploy-production' });
  await dialog.getByRole('textbox', { name: 'Key 1' }).fill('DEPLOY_REGION');
  await dialog.getByRole('textbox', { name: 'Value 1' }).fill('eu-west-1');
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await dialog.getByRole('textbox', { name: 'Key 2' }).fill('DRY_RUN');
  await dialog.getByRole('textbox', { name: 'Value 2' }).fill('true');
  await expectAccessible(page, 'the run dialog');
  await dialog.getByRole('button', { name: 'Run job' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Started deploy-production (#${job.id})` })).toBeVisible();

  // The runner picks it up and prints the variables.
  await sim.clock({ advance_ms: 120_000 });
  const log = page.getByRole('region', { name: `Log of job #${job.id}` });
  await expect(log.getByText('DEPLOY_REGION=eu-west-1', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(log.getByText('DRY_RUN=true', { exact: true })).toBeVisible();
});

test('I retry a failed job and land on the new one', async ({ page, sim, connect }) => {
  const failed = await seededJob(sim, (j) => j.name === 'rspec 2/3' && j.status === 'failed', 'failed rspec 2/3');
  await connect(page);
  await page.goto(`${JOBS}/${failed.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /rspec 2\/3/ })).toBeVisible();
  await jobActions(page, 'rspec 2/3').getByRole('button', { name: 'Retry' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${failed.id}$`));
  const newId = Number(/\/jobs\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
  expect(newId).toBeGreaterThan(failed.id);
  await expect(page.getByRole('heading', { level: 1, name: /rspec 2\/3/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Retried rspec 2/3: new job #${newId}.` })).toBeVisible();
});

test('I erase a finished job: its log and artifacts are gone', async ({ page, sim, connect }) => {
  const job = await seededJob(sim, (j) => j.status === 'success' && j.ref === 'main' && Boolean(j.artifacts_file) && j.name.startsWith('rspec'), 'finished job with artifacts');
  await connect(page);
  await page.goto(`${JOBS}/${job.id}`);
  await expect(page.getByRole('region', { name: `Log of job #${job.id}` }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Browse' })).toBeVisible();

  await jobActions(page, job.name).getByRole('button', { name: 'Erase' }).click();
  const confirm = page.getByRole('dialog', { name: `Erase job ${job.name}?` });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Erase job' }).click();
  await expect(confirm).toBeHidden();

  await expect(page.getByRole('heading', { name: 'The log was erased' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Browse' })).toHaveCount(0);
  await expect(jobActions(page, job.name).getByRole('button', { name: 'Erase' })).toHaveCount(0);
});

test('I cancel a running job from the job list', async ({ page, sim, connect }) => {
  const running = await seededJob(sim, (j) => j.status === 'running' && j.ref === 'main', 'running job');
  await connect(page);
  await page.goto(JOBS);
  await page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: 'Running' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select job ${running.id}` }) });
  await expect(row).toContainText(/running/i);
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText(/cancel(ing|ed)/i);
  await expect(row.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /Cancel(ing|ed) / })).toBeVisible();
});

test('with a read-only token the actions are there but disabled, saying why', async ({ page, sim, connect }) => {
  const failed = await seededJob(sim, (j) => j.name === 'rspec 2/3' && j.status === 'failed', 'failed rspec 2/3');
  await connect(page, TOKENS.read);
  await page.goto(`${JOBS}/${failed.id}`);
  const retry = jobActions(page, 'rspec 2/3').getByRole('button', { name: 'Retry' });
  await expect(retry).toHaveAttribute('aria-disabled', 'true');
  await expect(retry).toHaveAttribute('title', /can only read \(read_api scope\)/);
  // A click (forced: Playwright will not click what says it is disabled) changes nothing.
  await retry.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/jobs/${failed.id}$`));
});

test('I run a manual job from the pipeline graph and its node turns pending', async ({ page, sim, connect }) => {
  const manual = await seededJob(sim, (j) => j.name === 'deploy-production' && j.status === 'manual' && j.ref === 'main', 'manual deploy');
  const pipelineId = ((await (await fetch(`${sim.url}/api/v4/projects/1/jobs/${manual.id}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } })).json()) as { pipeline: { id: number } }).pipeline.id;
  await connect(page);
  await page.goto(`/acme/platform/backend/-/pipelines/${pipelineId}`);
  const graph = page.getByRole('list', { name: `Stages of pipeline #${pipelineId}` });
  await graph.getByRole('group', { name: 'Actions for deploy-production' }).getByRole('button', { name: 'Run…' }).click();
  await page.getByRole('dialog', { name: 'Run deploy-production' }).getByRole('button', { name: 'Run job' }).click();
  await expect(graph.getByRole('link', { name: /^deploy-production/ })).toHaveAccessibleName(/pending/i);
});

test('I retry the failed jobs I selected in the list, with a result for each', async ({ page, connect, expectAccessible }) => {
  await connect(page);
  await page.goto(JOBS);
  await page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: 'Failed' }).click();
  const checkboxes = page.getByRole('checkbox', { name: /^Select job \d+$/ });
  await expect(checkboxes.first()).toBeVisible();
  await checkboxes.nth(0).check();
  await checkboxes.nth(1).check();
  const toolbar = page.getByRole('toolbar', { name: 'Selected jobs' });
  await toolbar.getByRole('button', { name: 'Retry 2 failed' }).click();
  const results = page.getByRole('list', { name: /^Retried \d of 2 jobs/ });
  await expect(results.getByRole('listitem')).toHaveCount(2);
  await expect(results.getByRole('link', { name: /^Open job #\d+$/ }).first()).toBeVisible();
  await expectAccessible(page, 'the job list with its actions and bulk results');
});
