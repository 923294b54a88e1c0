/**
 * Layouts from a phone to a 4K wall, in light and dark: the page never scrolls sideways, the
 * first job's Status, Job and Actions are on screen, the play dialog clips no text, and the
 * log's toolbar keeps to one row at 1280 px. Each page is checked at every size.
 */
import type { Page } from '@playwright/test';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

const SIZES = [
  [3840, 2160],
  [1920, 1080],
  [1280, 800],
  [390, 844],
] as const;

interface ApiJob {
  id: number;
  name: string;
  status: string;
  ref: string;
}

async function seededJob(sim: SimHandle, scope: string, name: string): Promise<ApiJob> {
  const response = await fetch(`${sim.url}/api/v4/projects/1/jobs?per_page=100&scope[]=${scope}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  const job = ((await response.json()) as ApiJob[]).find((j) => j.name === name);
  if (!job) throw new Error(`no ${scope} ${name} in the seed`);
  return job;
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${what}: the page is ${scroll} px wide in a ${client} px window`).toBeLessThanOrEqual(client);
}

async function expectInViewport(page: Page, selector: string, what: string) {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize();
  expect(box, `${what} is drawn`).not.toBeNull();
  if (!box || !size) return;
  expect(box.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends on screen`).toBeLessThanOrEqual(size.width + 0.5);
}

/** Every size in turn on the page as it is now: the page is loaded once and the window resized. */
async function atEverySize(page: Page, check: (width: number, height: number) => Promise<void>) {
  for (const [width, height] of SIZES) {
    await test.step(`${width}×${height}`, async () => {
      await page.setViewportSize({ width, height });
      // Two frames: the page's resize observers and what they re-render have run before the checks.
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      await check(width, height);
    });
  }
}

// Each page is opened once per colour scheme and looked at in every window size (resized in
// place), which checks the same things as opening it anew at each size, at a fifth of the cost.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme}, ${SIZES.map(([w, h]) => `${w}×${h}`).join(', ')}: nothing cut off`, async ({ page, sim, connect }) => {
    test.slow();
    await page.emulateMedia({ colorScheme });
    const [[firstWidth, firstHeight]] = SIZES;
    await page.setViewportSize({ width: firstWidth, height: firstHeight });
    await connect(page);
    await atEverySize(page, () => expectNoSidewaysScroll(page, 'the project picker'));

    await page.goto('/acme/platform/backend/-/jobs');
    const firstRow = page.locator('[role="row"][data-job-id]').first();
    await atEverySize(page, async () => {
      await expect(firstRow).toBeVisible();
      await expectNoSidewaysScroll(page, 'the job list');
      await expectInViewport(page, '[role="row"][data-job-id] .col-status', 'the first row’s Status');
      await expectInViewport(page, '[role="row"][data-job-id] .col-job', 'the first row’s Job');
      await expectInViewport(page, '[role="row"][data-job-id] .col-actions', 'the first row’s Actions');
    });

    const failed = await seededJob(sim, 'failed', 'rspec 2/3');
    await page.goto(`/acme/platform/backend/-/jobs/${failed.id}`);
    const log = page.getByRole('region', { name: `Log of job #${failed.id}` });
    await atEverySize(page, async (width) => {
      await expect(log).toBeVisible();
      await expectNoSidewaysScroll(page, 'the job page');
      if (width === 1280) {
        const tops = await page.locator('.log-toolbar button, .log-toolbar input, .log-toolbar select').evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top / 8)))]);
        expect(tops.length, 'the log toolbar keeps to one row').toBe(1);
      }
    });

    const manual = await seededJob(sim, 'manual', 'deploy-production');
    await page.goto(`/acme/platform/backend/-/jobs/${manual.id}`);
    await page.getByRole('button', { name: 'Run…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run deploy-production' });
    await dialog.getByRole('textbox', { name: 'Key 1' }).fill('DEPLOY_REGION');
    const key = dialog.getByRole('textbox', { name: 'Key 1' });
    const value = dialog.getByRole('textbox', { name: 'Value 1' });
    await atEverySize(page, async () => {
      await expect(key).toHaveValue('DEPLOY_REGION');
      const [keyBox, valueBox] = [await key.boundingBox(), await value.boundingBox()];
      expect(keyBox?.height, 'the Key box is as tall as the Value box').toBeCloseTo(valueBox?.height ?? 0, 0);
      // No text clipped: every field and label in the dialog shows all of its content.
      const clipped = await dialog.locator('input, label, button, p, summary').evaluateAll((els) =>
        els.filter((e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible').map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(clipped).toEqual([]);
      await expectNoSidewaysScroll(page, 'the play dialog');
    });

    await page.goto('/acme/platform/backend/-/pipelines/' + (await pipelineOf(sim, failed.id)));
    await atEverySize(page, async () => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the pipeline page');
    });
  });
}

async function pipelineOf(sim: SimHandle, jobId: number): Promise<number> {
  const response = await fetch(`${sim.url}/api/v4/projects/1/jobs/${jobId}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  return ((await response.json()) as { pipeline: { id: number } }).pipeline.id;
}
