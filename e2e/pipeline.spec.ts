import type { Page } from '@playwright/test';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

interface Row {
  id: number;
  name: string;
  status: string;
  source?: string;
  downstream_pipeline?: { id: number; project_id: number } | null;
}

async function api<T>(sim: SimHandle, path: string): Promise<T> {
  const res = await fetch(`${sim.url}/api/v4${path}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  return (await res.json()) as T;
}

/** The newest project-1 pipeline (not a child) that `test` accepts. */
async function findPipeline(sim: SimHandle, accept: (p: Row, bridges: Row[], jobs: Row[]) => boolean): Promise<{ pipeline: Row; bridges: Row[] }> {
  for (const p of await api<Row[]>(sim, '/projects/1/pipelines?per_page=50')) {
    if (p.source === 'parent_pipeline') continue;
    const bridges = await api<Row[]>(sim, `/projects/1/pipelines/${p.id}/bridges`);
    const jobs = await api<Row[]>(sim, `/projects/1/pipelines/${p.id}/jobs?per_page=100`);
    if (accept(p, bridges, jobs)) return { pipeline: p, bridges };
  }
  throw new Error('no such pipeline in the seed');
}

// Each story connects, loads the graph and runs axe: on a loaded two-core machine that alone can take 20 s.
test.describe.configure({ timeout: 60_000 });

/** The pipeline's status in the page header. */
const pipelineStatus = (page: Page) => page.locator('.pg-header .status-badge');

test('I open a running pipeline and watch it finish without reloading', async ({ page, connect, sim, expectAccessible }) => {
  const { pipeline } = await findPipeline(
    sim,
    (p, bridges, jobs) => p.status === 'running' && bridges.length === 2 && bridges.every((b) => !b.downstream_pipeline) && jobs.every((j) => j.status !== 'canceling'),
  );
  await connect(page);
  await page.goto(`/acme/platform/backend/-/pipelines/${pipeline.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Pipeline #${pipeline.id}` })).toBeVisible();
  await expect(pipelineStatus(page)).toHaveText('running');
  const downstream = page.getByRole('region', { name: `Downstream pipelines of #${pipeline.id}` });
  await expect(downstream.getByText('Downstream pipeline not created yet')).toHaveCount(2);
  await expectAccessible(page, 'a running pipeline');
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  // An hour later everything has run: rspec 1/3 (30 minutes) last, then the trigger jobs.
  await sim.clock({ advance_ms: 60 * 60_000 });
  await expect(pipelineStatus(page)).toHaveText('passed', { timeout: 20_000 });
  await expect(page.getByText(/· finished/)).toBeVisible({ timeout: 20_000 });
  await expect(downstream.getByRole('link', { name: /^acme\/platform\/deploy #\d+$/ })).toBeVisible({ timeout: 20_000 });
  await expect(downstream.getByText('Downstream pipeline not created yet')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('I expand a child pipeline and a cross-project pipeline inline, and the link keeps them open', async ({ page, connect, sim, expectAccessible }) => {
  const { pipeline, bridges } = await findPipeline(sim, (_, b) => b.length === 2 && b.every((x) => x.downstream_pipeline));
  const cross = bridges.find((b) => b.downstream_pipeline?.project_id === 2)?.downstream_pipeline;
  const child = bridges.find((b) => b.downstream_pipeline?.project_id === 1)?.downstream_pipeline;
  expect(cross && child, 'a pipeline with a child and a project-2 downstream pipeline').toBeTruthy();
  await connect(page);
  await page.goto(`/acme/platform/backend/-/pipelines/${pipeline.id}`);

  await page.getByRole('button', { name: `Expand acme/platform/deploy #${cross?.id}` }).click();
  const crossGraph = page.getByRole('list', { name: `Stages of acme/platform/deploy pipeline #${cross?.id}` });
  await expect(crossGraph.getByRole('link', { name: /^deploy-staging\b/ })).toBeVisible();
  await page.getByRole('button', { name: `Expand acme/platform/backend #${child?.id}` }).click();
  const childGraph = page.getByRole('list', { name: `Stages of acme/platform/backend pipeline #${child?.id}` });
  await expect(childGraph.getByRole('link', { name: /^docs-build\b/ })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`expand=2%3A${cross?.id}%2C1%3A${child?.id}`));
  await expectAccessible(page, 'a pipeline with expanded downstream pipelines');

  // Shared or reloaded, the link opens the same view.
  await page.reload();
  await expect(crossGraph.getByRole('link', { name: /^deploy-staging\b/ })).toBeVisible();
  await expect(childGraph.getByRole('link', { name: /^docs-build\b/ })).toBeVisible();

  // A job of the other project opens in that project.
  await crossGraph.getByRole('link', { name: /^deploy-staging\b/ }).click();
  await expect(page).toHaveURL(/\/acme\/platform\/deploy\/-\/jobs\/\d+$/);
});

test('I switch to the timeline to see the slowest path, and back', async ({ page, connect, sim, expectAccessible }) => {
  const { pipeline } = await findPipeline(sim, (_, b) => b.length === 2 && b.every((x) => x.downstream_pipeline));
  await connect(page);
  await page.goto(`/acme/platform/backend/-/pipelines/${pipeline.id}`);
  await expect(page.getByRole('list', { name: `Stages of pipeline #${pipeline.id}` })).toBeVisible();
  await page.getByRole('button', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('Slowest path', { exact: true })).toBeVisible();
  await expect(timeline.getByRole('region', { name: 'Stage test' }).getByRole('link', { name: /^rspec 1\/3/ })).toBeVisible();
  await expect(timeline.getByText(/on the slowest path/).first()).toBeVisible();
  await expect(page).toHaveURL(/view=timeline/);
  await expectAccessible(page, 'the pipeline timeline');
  await page.getByRole('button', { name: 'Graph' }).click();
  await expect(page.getByRole('list', { name: `Stages of pipeline #${pipeline.id}` })).toBeVisible();
});
