import { createSim, serveSim } from '../gitlab-sim/index.ts';
import { createLogIndex } from '../src/features/job-log/model/log-index.ts';
import { lineText } from '../src/features/job-log/model/line-text.ts';
import { expect, test, TOKENS } from './fixtures.ts';

interface ApiJob {
  id: number;
  name: string;
}

// Its own simulated GitLab: the shared one keeps a small huge-log for the other stories.
const HUGE_BYTES = 50_000_000;

test('the 50 MB log opens whole, stays a few hundred rows in the page, and scrolls to its very end', async ({ page }) => {
  test.setTimeout(90_000);
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: HUGE_BYTES });
  const server = await serveSim(sim, { port: 0, host: '127.0.0.1' });
  try {
    const url = server.url.replace(/\/+$/, '');
    const jobs = (await (await fetch(`${url}/api/v4/projects/1/jobs?per_page=100&scope[]=success`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } })).json()) as ApiJob[];
    const huge = jobs.find((j) => j.name === 'huge-log');
    expect(huge, 'the huge-log job in the seed').toBeDefined();
    const traceText = await (await fetch(`${url}/api/v4/projects/1/jobs/${huge?.id}/trace`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } })).text();
    expect(new TextEncoder().encode(traceText).length).toBeGreaterThanOrEqual(HUGE_BYTES);
    // What the page must show, worked out here with the same model.
    const index = createLogIndex();
    index.append(traceText);
    let lastLine = index.lineCount - 1;
    while (lastLine > 0 && lineText(index, lastLine).trim() === '') lastLine--;
    const lastText = lineText(index, lastLine).trim();

    await page.goto('/settings');
    await page.getByLabel('GitLab address').fill(url);
    await page.getByLabel('Personal access token').fill(TOKENS.api);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();

    await page.goto(`/acme/platform/backend/-/jobs/${huge?.id}`);
    const log = page.getByRole('region', { name: `Log of job #${huge?.id}` });
    await expect(log.getByRole('listitem').first()).toBeVisible({ timeout: 30_000 });
    // The whole log is indexed (nothing truncated): the status stops saying "loading".
    await expect(page.getByText('loading…')).toHaveCount(0, { timeout: 60_000 });
    const status = page.getByText(/^\d[\d,]* lines ·/);
    const lines = Number((await status.textContent())?.match(/^([\d,]+) lines/)?.[1]?.replace(/,/g, ''));
    expect(lines).toBe(index.lineCount);

    await page.getByRole('button', { name: 'Bottom' }).click();
    const last = log.locator(`[data-line="${lastLine + 1}"]`);
    await expect(last).toBeInViewport();
    await expect(last).toContainText(lastText);
    // Virtualised: only the rows around the screen are in the DOM.
    expect(await log.getByRole('listitem').count()).toBeLessThan(300);

    // And back to the middle through a shared line link.
    const middle = Math.floor(lines / 2);
    await page.goto(`/acme/platform/backend/-/jobs/${huge?.id}#L${middle}`);
    await expect(page.getByRole('region', { name: `Log of job #${huge?.id}` }).locator(`[data-line="${middle}"]`)).toBeInViewport({ timeout: 30_000 });
  } finally {
    await server.close();
  }
});
