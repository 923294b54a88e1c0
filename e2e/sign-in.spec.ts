/**
 * "Sign in with GitLab" against the simulator's OAuth provider (README "Sign in with GitLab"):
 * authorize, deny, a tampered state, expiry and a silent refresh, sign out revoking the token,
 * and a sign-in from inside a portal's frame through a popup.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { SIM_OAUTH_CLIENT_ID } from '../gitlab-sim/index.ts';
import { previewUrl } from '../playwright.config.ts';
import { expect, test, type SimHandle } from './fixtures.ts';
import { portalHtml, serveHtml, type HtmlSite } from './portal-server.ts';

const publicConfig = JSON.parse(await readFile(new URL('../public/config.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const firstLoad = expect.configure({ timeout: 20_000 });

/** config.json for a site whose GitLab is the simulator, with its registered OAuth application. */
async function oauthSite(context: BrowserContext, sim: SimHandle, allowedOrigins: string[] = []) {
  const res = await fetch(`${sim.url}/-/sim/oauth/redirect-uris`, { method: 'POST', body: JSON.stringify({ redirect_uris: [`${previewUrl}/oauth/callback`] }) });
  expect(res.ok).toBe(true);
  await context.route(`${previewUrl}/config.json`, (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ...publicConfig,
        gitlab: { url: sim.url, oauth: { clientId: SIM_OAUTH_CLIENT_ID, scopes: ['api'] } },
        embed: { ...(publicConfig.embed as object), allowedOrigins },
      }),
    }),
  );
}

const savedConnection = (page: Page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('ci-dashboard.connection') ?? 'null') as { host: string; token?: string; oauth?: { refreshToken: string } } | null);

async function signIn(page: Page) {
  await page.goto('/settings');
  await firstLoad(page.getByRole('button', { name: 'Sign in with GitLab' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in with GitLab' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize CI Jobs Dashboard (demo) to use your account?' })).toBeVisible();
}

test.describe('Sign in with GitLab', () => {
  test('I sign in, allow the dashboard on GitLab, and come back connected', async ({ page, sim }) => {
    await oauthSite(page.context(), sim);
    await signIn(page);
    await page.screenshot({ path: 'test-results/sign-in-consent.png' });
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await expect(page.getByTestId('connection-state')).toContainText('Sim Admin');
    // No code or state left in the address bar; the token kept for this session, with its refresh token.
    expect(page.url()).not.toMatch(/code=|state=/);
    const saved = await savedConnection(page);
    expect(saved?.token).toMatch(/^[0-9a-f]{64}$/);
    expect(saved?.oauth?.refreshToken).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.evaluate(() => localStorage.getItem('ci-dashboard.connection'))).toBeNull();
  });

  test('I deny the dashboard on GitLab and am told so', async ({ page, sim }) => {
    await oauthSite(page.context(), sim);
    await signIn(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Not signed in' })).toBeVisible();
    await expect(alert).toContainText('the access was denied');
    expect(await savedConnection(page)).toBeNull();
  });

  test('an answer whose state was tampered with is refused', async ({ page, sim }) => {
    await oauthSite(page.context(), sim);
    await signIn(page);
    const consent = new URL(page.url());
    consent.searchParams.set('state', 'forged-by-someone-else');
    await page.goto(consent.toString());
    await page.getByRole('button', { name: 'Authorize' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('does not match this sign-in');
    expect(await savedConnection(page)).toBeNull();
  });

  test('an expired token is refreshed silently', async ({ page, sim }) => {
    await oauthSite(page.context(), sim);
    await signIn(page);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    const before = await savedConnection(page);

    // Two hours and a second later on GitLab's clock, the token is refused…
    await sim.clock({ advance_ms: 7201 * 1000 });
    const refused = await fetch(`${sim.url}/api/v4/user`, { headers: { Authorization: `Bearer ${before?.token ?? ''}` } });
    expect(refused.status).toBe(401);
    // …and the dashboard renews it on its own when it next asks GitLab.
    await page.goto('/acme/platform/backend/-/jobs');
    await firstLoad(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const after = await savedConnection(page);
    expect(after?.token).toMatch(/^[0-9a-f]{64}$/);
    expect(after?.token).not.toBe(before?.token);
    expect(after?.oauth?.refreshToken).not.toBe(before?.oauth?.refreshToken);
  });

  test('signing out revokes the token at GitLab', async ({ page, sim }) => {
    await oauthSite(page.context(), sim);
    await signIn(page);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    const token = (await savedConnection(page))?.token ?? '';
    await page.goto('/settings');
    await expect(page.getByRole('status').filter({ hasText: 'Signed in with GitLab' })).toBeVisible();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByText('Signed out: GitLab revoked the token.')).toBeVisible();
    expect(await savedConnection(page)).toBeNull();
    const res = await fetch(`${sim.url}/api/v4/user`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error_description: string }).error_description).toBe('Token was revoked. You have to re-authorize from the user.');
  });

  test('inside a portal’s frame, sign-in goes through a popup and the frame is signed in', async ({ page, sim }) => {
    let portal: HtmlSite | null = null;
    try {
      portal = await serveHtml(portalHtml({ frameSrc: `${previewUrl}/settings?embed=1`, dashboardOrigin: previewUrl }));
      await oauthSite(page.context(), sim, [portal.origin]);
      await page.goto(portal.url);
      const frame = page.frameLocator('#ci');
      await firstLoad(frame.getByRole('button', { name: 'Sign in with GitLab' })).toBeVisible();
      const popupOpened = page.waitForEvent('popup');
      await frame.getByRole('button', { name: 'Sign in with GitLab' }).click();
      const popup = await popupOpened;
      await expect(popup.getByRole('heading', { name: 'Authorize CI Jobs Dashboard (demo) to use your account?' })).toBeVisible();
      const closed = popup.waitForEvent('close');
      await popup.getByRole('button', { name: 'Authorize' }).click();
      await closed;
      await firstLoad(frame.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
      // Embedded: the token stayed in the frame's memory, nothing in storage.
      const dash = await (await page.locator('#ci').elementHandle())?.contentFrame();
      expect(await dash?.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }))).toEqual({ local: [], session: [] });
      await page.evaluate(() => (window as unknown as { tell: (m: unknown) => void }).tell({ type: 'ci-dashboard:navigate', path: '/acme/platform/backend/-/jobs' }));
      await firstLoad(frame.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    } finally {
      await portal?.close();
    }
  });
});
