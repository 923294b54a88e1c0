import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createLogIndex } from '../src/features/job-log/model/log-index.ts';
import { lineText } from '../src/features/job-log/model/line-text.ts';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

interface ApiJob {
  id: number;
  name: string;
  status: string;
}

const PROJECT = '/acme/platform/backend/-/jobs';
// The log's own colours (256-colour and truecolor text and backgrounds) are the job's choice,
// not the page's: axe checks everything else, the palette's 16 colours are chosen for contrast.
const LOG_COLOURS = '.log-row__text > span';

async function api<T>(sim: SimHandle, path: string): Promise<T> {
  const response = await fetch(`${sim.url}/api/v4/projects/1${path}`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function findJob(sim: SimHandle, scope: string, name?: string): Promise<ApiJob> {
  const jobs = await api<ApiJob[]>(sim, `/jobs?per_page=100&scope[]=${scope}`);
  const job = jobs.find((j) => name === undefined || j.name === name);
  if (!job) throw new Error(`no ${scope} job ${name ?? ''} in the seed`);
  return job;
}

/** The job's log indexed here, with the same model the page uses, to pick lines to look for. */
async function indexedTrace(sim: SimHandle, jobId: number) {
  const response = await fetch(`${sim.url}/api/v4/projects/1/jobs/${jobId}/trace`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  const index = createLogIndex();
  index.append(await response.text());
  return index;
}

/** A line in the body of a collapsed section, with text found nowhere else in the log. */
function lineInCollapsedSection(index: ReturnType<typeof createLogIndex>): { line: number; text: string } {
  const counts = new Map<string, number>();
  for (let i = 0; i < index.lineCount; i++) {
    const t = lineText(index, i).trim();
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const s of index.sections) {
    if (!s.collapsed) continue;
    for (let i = s.headerLine + 1; i < s.lastLine; i++) {
      const t = lineText(index, i).trim();
      if (t.length >= 12 && counts.get(t) === 1 && /^[\x20-\x7e]+$/.test(t)) return { line: i, text: t };
    }
  }
  throw new Error('no collapsed section with a unique line');
}

/** As the `expectAccessible` fixture, with the job's own log colours left out (see LOG_COLOURS). */
async function expectAccessibleLog(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).exclude(LOG_COLOURS).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `accessibility of ${label}`).toEqual([]);
}

function logRegion(page: Page, jobId: number) {
  return page.getByRole('region', { name: `Log of job #${jobId}` });
}

test('a failed job: read why it failed, jump to the error, share a line that opens in the right place', async ({ page, sim, connect }) => {
  const job = await findJob(sim, 'failed', 'rspec 2/3');
  await connect(page);
  await page.goto(`${PROJECT}/${job.id}`);

  await expect(page.getByRole('heading', { level: 1, name: /rspec 2\/3/ })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('The script failed');
  const log = logRegion(page, job.id);
  await expect(log.getByRole('listitem').first()).toBeVisible();

  await page.getByRole('button', { name: 'Jump to first error' }).click();
  await expect(page).toHaveURL(/#L\d+$/);
  const errorLine = Number(new URL(page.url()).hash.slice(2));
  const errorRow = log.locator(`[data-line="${errorLine}"]`);
  await expect(errorRow).toBeInViewport();
  await expect(errorRow.getByRole('link', { name: String(errorLine) })).toHaveAttribute('aria-current', 'location');
  await expectAccessibleLog(page, 'the job page');

  // A colleague opens a link to a line hidden in a collapsed section: it opens there, unfolded.
  const index = await indexedTrace(sim, job.id);
  const target = lineInCollapsedSection(index);
  await page.goto(`${PROJECT}/${job.id}#L${target.line + 1}-${target.line + 2}`);
  const row = logRegion(page, job.id).locator(`[data-line="${target.line + 1}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toContainText(target.text);
  await expect(row).toHaveClass(/is-selected/);
  await expect(logRegion(page, job.id).locator(`[data-line="${target.line + 2}"]`)).toHaveClass(/is-selected/);
});

test('search finds a term that lives inside a collapsed section, and the address keeps it', async ({ page, sim, connect }) => {
  const job = await findJob(sim, 'failed', 'rspec 2/3');
  const target = lineInCollapsedSection(await indexedTrace(sim, job.id));
  await connect(page);
  await page.goto(`${PROJECT}/${job.id}`);
  const log = logRegion(page, job.id);
  await expect(log.getByRole('listitem').first()).toBeVisible();
  // Folded: the line is not on the page before the search.
  await expect(log.locator(`[data-line="${target.line + 1}"]`)).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Search the log' }).fill(target.text);
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toHaveText('1 of 1 match');
  const row = log.locator(`[data-line="${target.line + 1}"]`);
  await expect(row).toBeInViewport();
  await expect(row.locator('mark')).toHaveText(target.text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=`));
  expect(new URL(page.url()).searchParams.get('q')).toBe(target.text);
});

test('during a search I copy a link to a range of lines: it carries no search term unless I ask', async ({ page, context, sim, connect }) => {
  const job = await findJob(sim, 'failed', 'rspec 2/3');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connect(page);
  await page.goto(`${PROJECT}/${job.id}?q=Running`);
  const log = logRegion(page, job.id);
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toContainText('of');
  const first = log.locator('[data-line]').nth(2);
  const last = log.locator('[data-line]').nth(4);
  const [from, to] = [Number(await first.getAttribute('data-line')), Number(await last.getAttribute('data-line'))];
  // A line number's own link leaves the search out too.
  await expect(first.getByRole('link', { name: String(from) })).toHaveAttribute('href', new RegExp(`/jobs/${job.id}#L${from}$`));
  await first.getByRole('link', { name: String(from) }).click();
  await last.getByRole('link', { name: String(to) }).click({ modifiers: ['Shift'] });
  await expect(page).toHaveURL(new RegExp(`\\?q=Running#L${from}-${to}$`));

  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copy link to lines' }).click();
  await page.getByRole('menuitem', { name: 'Copy link to lines', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied a link' })).toHaveText(`Copied a link to lines ${from}–${to}.`);
  expect(await clipboard()).toMatch(new RegExp(`^http://[^?]+/jobs/${job.id}#L${from}-${to}$`));

  await page.getByRole('button', { name: 'Copy link to lines' }).click();
  await page.getByRole('menuitem', { name: 'Copy link to lines with the search' }).click();
  await expect.poll(clipboard).toMatch(new RegExp(`/jobs/${job.id}\\?q=Running#L${from}-${to}$`));
});

test('a running job’s log grows while I watch, following the end until I scroll up', async ({ page, sim, connect }) => {
  // Poll the log every second instead of every five, so the story stays short.
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { refresh?: Record<string, number> };
    await route.fulfill({ response, json: { ...config, refresh: { ...config.refresh, activeMs: 1000 } } });
  });
  const job = await findJob(sim, 'running', 'rspec 1/3');
  // A short window, so that a few dozen lines already need scrolling.
  await page.setViewportSize({ width: 1280, height: 420 });
  await connect(page);
  await page.goto(`${PROJECT}/${job.id}`);
  const log = logRegion(page, job.id);
  await expect(log.getByRole('listitem').first()).toBeVisible();
  const status = page.getByText(/^\d[\d,]* lines ·/);
  const count = async () => Number((await status.textContent())?.match(/^([\d,]+) lines/)?.[1]?.replace(/,/g, '') ?? 0);

  await page.getByRole('button', { name: 'Bottom' }).click();
  await expect(page.getByText('following the end')).toBeVisible();
  const before = await count();

  await sim.clock({ advance_ms: 200_000 });
  await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(Math.max(before, 20));
  const grown = await count();
  // Following: the newest line is on screen.
  await expect(log.locator(`[data-line="${grown}"]`)).toBeInViewport();

  // Scrolling up stops following: new lines arrive but the view stays where I am.
  await log.hover();
  await page.mouse.wheel(0, -2000);
  await expect(page.getByText('scrolled up: not following')).toBeVisible();
  const firstVisible = await log.locator('[data-line]').first().getAttribute('data-line');
  await sim.clock({ advance_ms: 60_000 });
  await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(grown);
  await expect(log.locator(`[data-line="${await count()}"]`)).not.toBeInViewport();
  expect(await log.locator('[data-line]').first().getAttribute('data-line')).toBe(firstVisible);
});

test('a job that has not started, an erased job and a missing job each say what happened', async ({ page, sim, connect }) => {
  await connect(page);
  const pending = await findJob(sim, 'pending');
  await page.goto(`${PROJECT}/${pending.id}`);
  await expect(page.getByRole('heading', { name: 'This job has not started yet' })).toBeVisible();

  let erased: ApiJob | undefined;
  for (let p = 1; p <= 10 && !erased; p++) {
    const jobs = await api<Array<ApiJob & { erased_at?: string | null }>>(sim, `/jobs?per_page=100&page=${p}&pagination=offset`);
    erased = jobs.find((j) => j.erased_at);
    if (jobs.length < 100) break;
  }
  expect(erased, 'an erased job in the seed').toBeDefined();
  await page.goto(`${PROJECT}/${erased?.id}`);
  await expect(page.getByRole('heading', { name: 'The log was erased' })).toBeVisible();
  await expect(page.locator('.job-tag', { hasText: 'erased' })).toBeVisible();

  await page.goto(`${PROJECT}/999999`);
  await expect(page.getByRole('heading', { name: 'Job #999999 not found, or it is a trigger job' })).toBeVisible();
  await page.goto(`${PROJECT}/abc`);
  await expect(page.getByRole('alert')).toContainText('“abc” is not a job id');
});
