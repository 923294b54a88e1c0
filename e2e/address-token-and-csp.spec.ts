/**
 * Issue 12 item 8: a token in the first address (`?private_token=`) is taken out before the page
 * asks for anything, so no request carries it (in its URL or its Referer); the build sends a
 * Content-Security-Policy that the app itself never trips over.
 */
import type { Page, Request } from '@playwright/test';
import { expect, test, TOKENS } from './fixtures.ts';

interface Seen {
  url: string;
  referer: string | null;
}

function record(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request: Request) => {
    seen.push({ url: request.url(), referer: request.headers()['referer'] ?? null });
  });
  return seen;
}

test('a token in the first address reaches no request, no Referer and no history entry', async ({ page, connect }) => {
  await connect(page);
  const seen = record(page);
  await page.goto(`/acme/platform/backend/-/jobs?private_token=${TOKENS.api}&ref=main`);
  await expect(page.getByRole('heading', { level: 1, name: /Jobs/ })).toBeVisible({ timeout: 20_000 });
  expect(new URL(page.url()).search).toBe('?ref=main');
  // Said, not used: the token in the address was ignored.
  await expect(page.getByRole('status').filter({ hasText: 'A token in the address (private_token) was ignored' })).toBeVisible();
  // The document itself was asked for with it (the person typed it); nothing after that.
  const after = seen.slice(1);
  expect(after.length).toBeGreaterThan(3);
  expect(after.filter((s) => s.url.includes(TOKENS.api) || (s.referer ?? '').includes(TOKENS.api))).toEqual([]);
  expect(after.filter((s) => Boolean(s.referer))).toEqual([]);
  await page.goBack().catch(() => undefined);
  expect(page.url()).not.toContain(TOKENS.api);
});

test('the build carries a Content-Security-Policy and the pages run under it without a violation', async ({ page, sim, connect }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/');
  const html = (await response?.text()) ?? '';
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("script-src 'self' 'sha256-");
  expect(csp).toContain("object-src 'none'");
  expect(html).toContain('<meta name="referrer" content="no-referrer" />');

  await connect(page);
  await page.goto('/acme/platform/backend/-/jobs');
  const row = page.getByRole('row').filter({ hasText: 'rspec' }).first();
  await expect(row).toBeVisible();
  await page.goto('/acme/platform/backend/-/pipelines');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // A job page: the log and its search (a worker).
  const jobs = (await (await fetch(`${sim.url}/api/v4/projects/1/jobs?per_page=50`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } })).json()) as { id: number; status: string }[];
  const done = jobs.find((j) => j.status === 'success');
  if (!done) throw new Error('no finished job in the seed');
  await page.goto(`/acme/platform/backend/-/jobs/${done.id}`);
  await expect(page.getByRole('region', { name: `Log of job #${done.id}` }).getByRole('listitem').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search the log' }).fill('Job succeeded');
  await expect(page.getByRole('region', { name: `Log of job #${done.id}` }).getByText('Job succeeded').first()).toBeVisible();
  expect(violations).toEqual([]);
});
