/**
 * Issue 12 item 3: one hostile log line, 2 MB of 100,000 colour changes, must not take the
 * browser down: its row stays within a fixed number of DOM nodes, says how much of it is not
 * drawn, and the rest of the log still shows. GitLab's answer is replaced by that log.
 */
import { expect, test, TOKENS } from './fixtures.ts';

const CHANGES = 100_000;

function hostileLog(): string {
  let line = '';
  for (let n = 0; n < CHANGES; n++) line += `\u001b[31;40;1;4m${n}\u001b[0m`;
  return ['Running with gitlab-runner 17.0.0', '$ ./hostile', line, 'after the hostile line', 'Job succeeded', ''].join('\n');
}

test('a 2 MB line of 100,000 colour changes does not crash the page and its row stays bounded', async ({ page, sim, connect }) => {
  const log = hostileLog();
  expect(log.length).toBeGreaterThan(2_000_000);
  const jobs = (await (await fetch(`${sim.url}/api/v4/projects/1/jobs?per_page=50&scope[]=success`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } })).json()) as { id: number }[];
  const job = jobs[0];
  if (!job) throw new Error('no finished job in the seed');
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  await page.route(`**/api/v4/projects/*/jobs/${job.id}/trace*`, (route) =>
    route.fulfill({ status: 200, body: log, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*' } }),
  );
  await connect(page);
  await page.goto(`/acme/platform/backend/-/jobs/${job.id}`);
  const region = page.getByRole('region', { name: `Log of job #${job.id}` });
  await expect(region.getByText('after the hostile line')).toBeVisible({ timeout: 20_000 });
  await expect(region.getByText(/more characters of this line/)).toBeVisible();
  const largestRow = await region.evaluate((el) => Math.max(...[...el.querySelectorAll('[role="listitem"], li')].map((row) => row.querySelectorAll('*').length)));
  expect(largestRow).toBeLessThanOrEqual(2_100);
  expect(crashed).toBe(false);
  // Still a working page: the heading answers and the log scrolls.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
