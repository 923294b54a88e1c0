/**
 * Issue 12 item 4: an action whose answer is lost after the request left is said as unknown,
 * never "failed"; the dashboard asks GitLab again and says what actually happened before it
 * offers the action again. The simulator strips CORS from every answer while preflights still
 * pass (`cors_preflight`), so GitLab does create the new job while the browser sees a CORS error.
 */
import type { Page } from '@playwright/test';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

interface ApiJob {
  id: number;
  name: string;
  status: string;
  ref: string;
  pipeline?: { id: number };
}

const JOBS = '/acme/platform/backend/-/jobs';

async function apiJobs(sim: SimHandle): Promise<ApiJob[]> {
  const all: ApiJob[] = [];
  for (let page = 1; page <= 4; page++) {
    const response = await fetch(`${sim.url}/api/v4/projects/1/jobs?per_page=100&page=${page}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
    all.push(...((await response.json()) as ApiJob[]));
  }
  return all;
}

const jobActions = (page: Page, name: string) => page.getByRole('group', { name: `Actions for ${name}` });

test('a retry whose answer the browser could not read is said unknown, held, then reported as done', async ({ page, sim, connect }) => {
  const failed = (await apiJobs(sim)).find((j) => j.name === 'rspec 2/3' && j.status === 'failed');
  if (!failed) throw new Error('no failed rspec 2/3 in the seed');
  await connect(page);
  await page.goto(`${JOBS}/${failed.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /rspec 2\/3/ })).toBeVisible();

  await sim.faults({ cors: false, cors_preflight: true });
  await jobActions(page, 'rspec 2/3').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Outcome unknown' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Retry rspec 2\/3 \(#\d+\) failed/)).toHaveCount(0);
  // GitLab did it, although the browser could not read the answer.
  const attempts = (await apiJobs(sim)).filter((j) => j.name === 'rspec 2/3' && j.pipeline?.id === failed.pipeline?.id && j.id > failed.id);
  expect(attempts).toHaveLength(1);
  // Held until GitLab can say: a second click starts nothing.
  const held = jobActions(page, 'rspec 2/3').getByRole('button', { name: /^Retry/ });
  await expect(held).toHaveAttribute('aria-disabled', 'true');
  await held.click({ force: true });

  await sim.faults({ cors: true, cors_preflight: false });
  const newId = attempts[0]?.id ?? 0;
  await expect(page).toHaveURL(new RegExp(`/jobs/${newId}$`), { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: `was lost (Blocked by the browser (CORS)), but GitLab shows it happened. Retried rspec 2/3: new job #${newId}.` })).toBeVisible();
  expect((await apiJobs(sim)).filter((j) => j.name === 'rspec 2/3' && j.pipeline?.id === failed.pipeline?.id && j.id > failed.id)).toHaveLength(1);
});
