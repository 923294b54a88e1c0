import { expect, test, TOKENS } from './fixtures.ts';
import type { Page } from '@playwright/test';

interface ApiJob {
  id: number;
  name: string;
  status: string;
}

const rowsOf = (page: Page) => page.getByRole('table', { name: /^Latest jobs of / }).locator('[role="row"][data-job-id]');

test.describe('The project job list', () => {
  test('I filter to failed jobs and share the URL; a colleague opens it and sees the same', async ({ page, connect, browser, sim, expectAccessible }) => {
    await connect(page);
    await page.goto('/acme/platform/backend/-/jobs');
    await expect(rowsOf(page).first()).toBeVisible();
    await expectAccessible(page, 'the job list');
    // The icons are CSS masks of GitLab's shapes: a rule that dropped the shape draws a square.
    const masks = await rowsOf(page).first().locator('.jobs-status-icon, .jobs-icon').evaluateAll((els) => els.map((e) => getComputedStyle(e).maskImage));
    expect(masks.length).toBeGreaterThanOrEqual(2);
    for (const mask of masks) expect(mask).toMatch(/^url\("data:image\/svg\+xml/);

    await page.getByRole('button', { name: 'Failed', exact: true }).click();
    await expect(page).toHaveURL(/\/acme\/platform\/backend\/-\/jobs\?scope=failed$/);
    await expect(page.getByRole('button', { name: 'Failed', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(rowsOf(page).first()).toHaveAttribute('data-job-id', /\d+/);
    const statuses = await rowsOf(page).locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    const shared = page.url();

    // A colleague with their own token opens the link.
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto('/settings');
    await other.getByLabel('GitLab address').fill(sim.url);
    await other.getByLabel('Personal access token').fill(TOKENS.read);
    await other.getByRole('button', { name: 'Save' }).click();
    await expect(other.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await other.goto(shared);
    await expect(other.getByRole('button', { name: 'Failed', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(rowsOf(other).first()).toBeVisible();
    const theirs = await rowsOf(other).locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(theirs)).toEqual(new Set(['failed']));
    await context.close();
  });

  test('I scroll past the first 1,000 jobs of the big project, and every job comes once, newest first', async ({ page, connect, sim }) => {
    // What GitLab itself holds, walked by keyset from the test.
    const expected: number[] = [];
    let next: string | null = `${sim.url}/api/v4/projects/3/jobs?pagination=keyset&per_page=100&order_by=id&sort=desc`;
    while (next && expected.length < 1_100) {
      const res: Response = await fetch(next, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
      expected.push(...((await res.json()) as ApiJob[]).map((j) => j.id));
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    }

    await connect(page);
    await page.goto('/acme/tools/big-history/-/jobs');
    await expect(page.getByText(/^100 jobs loaded/)).toBeVisible();
    const scroller = page.getByTestId('job-table-scroll');
    // Scrolling near the end loads the next page by itself ("load more" does the same by hand).
    for (let loaded = 100; loaded < 1_100; loaded += 100) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(page.getByText(new RegExp(`^${(loaded + 100).toLocaleString('en')} jobs loaded`))).toBeVisible();
    }
    // The rows past the thousandth are GitLab's, in GitLab's order.
    await page.getByText(/^1,100 jobs loaded/).waitFor();
    await scroller.evaluate((el) => el.scrollTo({ top: 1_000 * 52 }));
    await expect(rowsOf(page).filter({ has: page.locator(`[data-status]`) }).first()).toBeVisible();
    const ids = (await rowsOf(page).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-job-id'))))) as number[];
    const indexes = (await rowsOf(page).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('aria-rowindex')) - 2))) as number[];
    expect(indexes.some((i) => i >= 1_000)).toBe(true);
    indexes.forEach((index, k) => expect(ids[k], `row ${index}`).toBe(expected[index]));
  });

  test('new jobs arrive on top without moving what I am reading', async ({ page, connect, sim }) => {
    await connect(page);
    await page.goto('/acme/platform/backend/-/jobs');
    await expect(rowsOf(page).first()).toBeVisible();
    const scroller = page.getByTestId('job-table-scroll');
    await scroller.evaluate((el) => el.scrollTo({ top: 20 * 52 }));
    const readingId = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="job-table-scroll"]') as HTMLElement;
      const top = box.getBoundingClientRect().top + 38 + 5;
      const row = document.elementFromPoint(box.getBoundingClientRect().left + 60, top)?.closest('[role="row"]');
      return row?.getAttribute('data-job-id');
    });
    expect(readingId).toBeTruthy();
    const topBefore = await rowsOf(page).first().getAttribute('data-job-id');

    // Someone retries a job in GitLab: a new row arrives at the very top.
    const headers = { 'PRIVATE-TOKEN': TOKENS.api };
    const done = ((await (await fetch(`${sim.url}/api/v4/projects/1/jobs?scope[]=success&per_page=20`, { headers })).json()) as ApiJob[])[0];
    const retried = (await (await fetch(`${sim.url}/api/v4/projects/1/jobs/${done?.id}/retry`, { method: 'POST', headers })).json()) as ApiJob;
    await expect(page.getByText(/^101 jobs loaded/)).toBeVisible({ timeout: 15_000 });

    const readingNow = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="job-table-scroll"]') as HTMLElement;
      const top = box.getBoundingClientRect().top + 38 + 5;
      const row = document.elementFromPoint(box.getBoundingClientRect().left + 60, top)?.closest('[role="row"]');
      return row?.getAttribute('data-job-id');
    });
    expect(readingNow, 'the row I was reading is still where I left it').toBe(readingId);
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(rowsOf(page).first()).toHaveAttribute('data-job-id', String(retried.id));
    expect(topBefore).not.toBe(String(retried.id));
  });

  test('I move through rows with the keyboard and open a job with Enter', async ({ page, connect }) => {
    await connect(page);
    await page.goto('/acme/platform/backend/-/jobs');
    const first = rowsOf(page).first();
    await expect(first).toBeVisible();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = rowsOf(page).nth(2);
    await expect(third).toBeFocused();
    const id = await third.getAttribute('data-job-id');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/acme/platform/backend/-/jobs/${id}$`));
  });

  test('I hide a column and move another; the choice is still there tomorrow', async ({ page, connect }) => {
    // A wide screen, where every default column fits (a narrower one folds some away).
    await page.setViewportSize({ width: 1920, height: 1080 });
    await connect(page);
    await page.goto('/acme/platform/backend/-/jobs');
    const table = page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    await expect(table.getByRole('columnheader', { name: 'Runner and tags' })).toBeVisible();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Runner and tags' }).uncheck();
    await page.getByRole('button', { name: 'Move Stage left' }).click();
    await expect(table.getByRole('columnheader', { name: 'Runner and tags' })).toHaveCount(0);
    const order = async () => (await table.getByRole('columnheader').allTextContents()).filter((t) => t !== '');
    expect((await order()).slice(0, 3)).toEqual(['Status', 'Stage', 'Job']);

    await page.reload();
    await expect(table.getByRole('columnheader', { name: 'Status' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Runner and tags' })).toHaveCount(0);
    expect((await order()).slice(0, 3)).toEqual(['Status', 'Stage', 'Job']);
  });
});
