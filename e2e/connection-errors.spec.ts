import { expect, test, TOKENS } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function testConnection(page: Page, host: string, token: string) {
  await page.goto('/settings');
  await page.getByLabel('GitLab address').fill(host);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Test connection' }).click();
}

test.describe('Each connection problem has its own message', () => {
  test('a wrong token', async ({ page, sim }) => {
    await testConnection(page, sim.url, TOKENS.wrong);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('Not signed in');
    await expect(alert).toContainText('401 Unauthorized'); // GitLab's own words
    await expect(alert).toContainText('personal access token');
  });

  test('an expired token', async ({ page, sim }) => {
    await testConnection(page, sim.url, TOKENS.expired);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('Token expired');
    await expect(alert).toContainText('Create a new personal access token');
  });

  test('a read-only token connects but is marked read only', async ({ page, sim }) => {
    await testConnection(page, sim.url, TOKENS.read);
    const report = page.getByRole('region', { name: 'Connection test result' });
    await expect(report).toContainText('read only');
    await expect(report).not.toContainText('can act');
  });

  test('an unreachable host', async ({ page, unreachableHost }) => {
    await testConnection(page, unreachableHost, TOKENS.api);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('GitLab is unreachable');
    await expect(alert).toContainText(unreachableHost);
  });

  test('a host whose proxy strips CORS headers, with the same-origin proxy fix', async ({ page, sim }) => {
    await sim.faults({ cors: false });
    await testConnection(page, sim.url, TOKENS.api);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('Blocked by the browser (CORS)');
    await expect(alert).toContainText('reverse proxy');
  });

  test('a host that is not GitLab', async ({ page, baseURL }) => {
    // The dashboard's own server answers every path with its HTML page.
    await testConnection(page, baseURL ?? '', TOKENS.api);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('This does not look like GitLab');
  });

  test('an address that is not a URL is caught before any request', async ({ page }) => {
    await testConnection(page, 'ftp://gitlab.example.com', TOKENS.api);
    await expect(page.getByText('This is not an http or https address.')).toBeVisible();
  });
});
