import { serveBuildUnder } from './sub-path-server.ts';
import { expect, test, TOKENS } from './fixtures.ts';

test('the same build serves a site under /tools/ci/, deep links included', async ({ page, sim }) => {
  const site = await serveBuildUnder('/tools/ci/');
  try {
    await page.goto(`${site.url}settings`);
    await page.getByLabel('GitLab address').fill(sim.url);
    await page.getByLabel('Personal access token').fill(TOKENS.api);
    await page.getByRole('button', { name: 'Save' }).click();
    // The router's "/" under a basename has no trailing slash: /tools/ci.
    await expect(page).toHaveURL(/\/tools\/ci\/?$/);
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();

    // A deep link straight into the sub-path loads the scripts and config.json from the site's base.
    await page.goto(`${site.url}acme/platform/backend/-/jobs`);
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();

    // In-app links stay under the sub-path.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(`${site.url}settings`);
  } finally {
    await site.close();
  }
});
