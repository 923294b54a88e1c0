/**
 * A portal on another origin frames the dashboard (README "Embedding in a portal"): the token
 * handshake, resize and location messages, sticky embed mode, messages from elsewhere ignored,
 * blocked storage, nothing stored.
 */
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from '@playwright/test';
import { previewUrl } from '../playwright.config.ts';
import { expect, test, TOKENS } from './fixtures.ts';
import { portalHtml, serveHtml, type HtmlSite } from './portal-server.ts';

const JOBS = '/acme/platform/backend/-/jobs';
// A frame's first page in a worker builds everything cold, on a 2-core machine shared with other runs.
const firstLoad = expect.configure({ timeout: 20_000 });
const publicConfig = JSON.parse(await readFile(new URL('../public/config.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The site's config.json as a deployer would write it for this portal. */
async function allowPortal(page: Page, origins: string[]) {
  await page.route(`${previewUrl}/config.json`, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...publicConfig, embed: { ...(publicConfig.embed as object), allowedOrigins: origins } }) }),
  );
}

async function dashboardFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('#ci').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the portal has no dashboard frame');
  return frame;
}

type Heard = { type: string; height?: number; path?: string };
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const locations = async (page: Page) => (await heard(page)).filter((m) => m.type === 'ci-dashboard:location').map((m) => m.path);

let sites: HtmlSite[] = [];
test.afterEach(async () => {
  await Promise.all(sites.map((s) => s.close()));
  sites = [];
});

async function openPortal(page: Page, simUrl: string, options: { token?: boolean; path?: string; extraFrame?: string } = {}) {
  const portal = await serveHtml(
    portalHtml({
      frameSrc: `${previewUrl}${options.path ?? JOBS}${(options.path ?? JOBS).includes('?') ? '&' : '?'}embed=1`,
      dashboardOrigin: previewUrl,
      ...(options.token === false ? {} : { token: TOKENS.api, gitlabUrl: simUrl }),
      ...(options.extraFrame ? { extraFrame: options.extraFrame } : {}),
    }),
  );
  sites.push(portal);
  await allowPortal(page, [portal.origin]);
  await page.goto(portal.url);
  return portal;
}

test.describe('Embedded in a portal', () => {
  test('the portal hands over a token and the job list fills, with no Settings visit and no dashboard chrome', async ({ page, sim }) => {
    await openPortal(page, sim.url);
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    await expect(frame.locator('[role="row"][data-job-id]').first()).toBeVisible();
    await expect(frame.locator('.app-header')).toHaveCount(0);
    const messages = await heard(page);
    expect(messages[0]).toEqual({ type: 'ci-dashboard:ready' });
    expect(await locations(page)).toEqual([JOBS]);
    // The token is never echoed back.
    expect(JSON.stringify(messages)).not.toContain(TOKENS.api);
    await page.screenshot({ path: 'test-results/embed-portal.png' });
  });

  test('the wall in a portal: the handed-over token fills its tiles, and the portal hears where it is', async ({ page, sim }) => {
    // The wall's own entry (decision 0031), which has no router: the same contract.
    await openPortal(page, sim.url, { path: '/wall?project=acme/platform/backend' });
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.locator('[data-testid="wall-tile"]:not([data-group="unknown"])')).toHaveCount(1);
    const messages = await heard(page);
    expect(messages[0]).toEqual({ type: 'ci-dashboard:ready' });
    expect(await locations(page)).toEqual(['/wall?project=acme%2Fplatform%2Fbackend']);
    expect(JSON.stringify(messages)).not.toContain(TOKENS.api);
  });

  test('resize messages follow the content, and the portal’s frame follows them', async ({ page, sim }) => {
    await openPortal(page, sim.url);
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.locator('[role="row"][data-job-id]').first()).toBeVisible();
    const contentBottom = async () => (await dashboardFrame(page)).evaluate(() => Math.ceil(document.getElementById('root')!.getBoundingClientRect().bottom + window.scrollY));
    const lastHeight = async () => (await heard(page)).filter((m) => m.type === 'ci-dashboard:resize').at(-1)?.height;
    await expect.poll(async () => (await lastHeight()) === (await contentBottom())).toBe(true);
    const listHeight = await lastHeight();
    expect(listHeight).toBeGreaterThan(300);
    await expect(page.locator('#ci')).toHaveJSProperty('offsetHeight', listHeight);

    // The portal asks for another page: the content and the messages change with it.
    await page.evaluate(() => (window as unknown as { tell: (m: unknown) => void }).tell({ type: 'ci-dashboard:navigate', path: '/settings' }));
    await expect(frame.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect.poll(async () => (await lastHeight()) === (await contentBottom()) && (await lastHeight()) !== listHeight).toBe(true);
    await expect.poll(() => locations(page)).toEqual([JOBS, '/settings']);
    await expect(frame.getByRole('status').filter({ hasText: 'Settings won’t be remembered here' })).toBeVisible();
  });

  test('clicking through three pages keeps embed mode, tells the portal each place, and survives a reload', async ({ page, sim }) => {
    await openPortal(page, sim.url);
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.locator('a.job-link').first()).toBeVisible();
    await frame.locator('a.job-link').first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('#');
    await frame.getByRole('link', { name: /^#\d+$/ }).first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('Pipeline');
    await frame.getByRole('link', { name: /^deploy-production|^build|^test|^lint/ }).first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('#');

    const dash = await dashboardFrame(page);
    expect(new URL(dash.url()).searchParams.get('embed')).toBe('1');
    const paths = await locations(page);
    expect(paths).toHaveLength(4);
    expect(paths[1]).toMatch(/^\/acme\/platform\/backend\/-\/jobs\/\d+$/);
    expect(paths[2]).toMatch(/^\/acme\/platform\/backend\/-\/pipelines\/\d+$/);
    expect(paths[3]).toMatch(/^\/acme\/platform\/[\w-]+\/-\/jobs\/\d+$/);
    for (const p of paths) expect(p).not.toContain('embed');

    // A reload inside the frame is still embedded (and the portal hands the token over again).
    await dash.evaluate(() => location.reload());
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('#');
    await expect(frame.locator('.app-header')).toHaveCount(0);
    expect(new URL((await dashboardFrame(page)).url()).searchParams.get('embed')).toBe('1');
  });

  test('a message from a third origin is ignored', async ({ page, sim }) => {
    // The third site sits in the same portal page and can reach the dashboard's window.
    const third = await serveHtml(`<!doctype html><title>Third</title><script>
      window.addEventListener('load', () => {
        const dash = parent.frames[0];
        dash.postMessage({ type: 'ci-dashboard:token', token: '${TOKENS.api}', gitlabUrl: '${sim.url}' }, '*');
        dash.postMessage({ type: 'ci-dashboard:navigate', path: '/settings' }, '*');
        dash.postMessage({ type: 'ci-dashboard:theme', theme: 'dark' }, '*');
        document.title = 'sent';
      });
    </script>`);
    sites.push(third);
    await openPortal(page, sim.url, { token: false, path: '/', extraFrame: third.url });
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await expect.poll(async () => page.frames().find((f) => f.url().startsWith(third.origin))?.title()).toBe('sent');
    // Give the dashboard the chance to (wrongly) act: the portal's own message, sent after, is handled.
    await page.evaluate(() => (window as unknown as { tell: (m: unknown) => void }).tell({ type: 'ci-dashboard:navigate', path: '/?from=portal' }));
    await expect.poll(() => locations(page)).toEqual(['/', '/?from=portal']);
    await expect(frame.getByRole('heading', { name: 'Connect to GitLab' })).toBeVisible();
    const dash = await dashboardFrame(page);
    expect(await dash.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBeNull();
  });

  test('with the browser’s storage blocked the frame still works, and nothing is written to storage', async ({ page, sim }) => {
    // As Safari or a blocking extension does in a third-party frame: any touch of storage throws.
    await page.addInitScript(() => {
      if (window === window.top) return;
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      }
    });
    await openPortal(page, sim.url);
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.locator('[role="row"][data-job-id]').first()).toBeVisible();
    await frame.locator('a.job-link').first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('#');
  });

  test('nothing is written to storage in embed mode', async ({ page, sim }) => {
    await openPortal(page, sim.url);
    const frame = page.frameLocator('#ci');
    await firstLoad(frame.locator('[role="row"][data-job-id]').first()).toBeVisible();
    // Things that store outside embed mode: the column choice, recent projects, a visit to Settings.
    await frame.locator('a.job-link').first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('#');
    await page.evaluate(() => (window as unknown as { tell: (m: unknown) => void }).tell({ type: 'ci-dashboard:navigate', path: '/settings' }));
    await expect(frame.getByRole('heading', { name: 'Settings' })).toBeVisible();
    const dash = await dashboardFrame(page);
    expect(await dash.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }))).toEqual({ local: [], session: [] });
  });
});
