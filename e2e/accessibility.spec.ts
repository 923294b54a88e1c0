import { expect, test, TOKENS } from './fixtures.ts';

// Every page so far, in both themes: no serious or critical axe violation.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility (${colorScheme})`, () => {
    test.use({ colorScheme });
    // Several full axe scans a test: each takes seconds on a busy 2-core machine.
    test.slow();

    test('settings, with a test result and with an error', async ({ page, sim, expectAccessible }) => {
      await page.goto('/settings');
      await expect(page.getByLabel('GitLab address')).toBeVisible();
      await expectAccessible(page, 'settings (empty)');
      await page.getByLabel('GitLab address').fill(sim.url);
      await page.getByLabel('Personal access token').fill(TOKENS.read);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByRole('region', { name: 'Connection test result' })).toBeVisible();
      await expectAccessible(page, 'settings (test result)');
      await page.getByLabel('Personal access token').fill(TOKENS.wrong);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectAccessible(page, 'settings (error)');
    });

    test('project picker, jobs table, not-found and error pages', async ({ page, connect, expectAccessible }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Connect to GitLab' })).toBeVisible();
      await expectAccessible(page, 'picker (not connected)');

      await connect(page);
      await expect(page.getByRole('list', { name: 'Projects' })).toBeVisible();
      await expectAccessible(page, 'picker (connected)');

      await page.goto('/acme/platform/backend/-/jobs');
      await expect(page.getByRole('table')).toBeVisible();
      await expectAccessible(page, 'jobs table');

      await page.goto('/-/profile');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectAccessible(page, 'not found');

      await page.goto('/acme/no-such-project/-/jobs');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectAccessible(page, 'error page');
    });
  });
}
