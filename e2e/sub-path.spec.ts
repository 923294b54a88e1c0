import { serveBuildUnder } from './sub-path-server.ts';
import { expect, test, TOKENS } from './fixtures.ts';

// Each site's first page loads the whole build cold, on a 2-core machine shared with other runs.
const firstLoad = expect.configure({ timeout: 20_000 });

// One build, unchanged, under three different paths (docs/decisions/0001): no file is edited.
for (const prefix of ['/', '/ci/', '/portal/tools/ci/']) {
  test(`the same build serves a site under ${prefix}, deep links included`, async ({ page, sim }) => {
    const site = await serveBuildUnder(prefix);
    try {
      await page.goto(`${site.url}settings`);
      await page.getByLabel('GitLab address').fill(sim.url);
      await page.getByLabel('Personal access token').fill(TOKENS.api);
      await page.getByRole('button', { name: 'Save' }).click();
      await firstLoad(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
      expect(new URL(page.url()).pathname.replace(/\/?$/, '/')).toBe(prefix);

      // A deep link straight into the sub-path loads the scripts and config.json from the site's base.
      await page.goto(`${site.url}acme/platform/backend/-/jobs`);
      await firstLoad(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();

      // In-app links stay under the sub-path.
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page).toHaveURL(`${site.url}settings`);
    } finally {
      await site.close();
    }
  });
}

test('the wall starts its own entry under a sub-path, with config.json from the site’s base', async ({ page, sim }) => {
  const site = await serveBuildUnder('/portal/tools/ci/', { config: () => JSON.stringify({ gitlab: { url: sim.url, token: TOKENS.read }, wall: { title: 'Sub-path wall' } }) });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  try {
    await page.goto(`${site.url}wall?project=acme/platform/backend`);
    await firstLoad(page.getByRole('heading', { name: 'Sub-path wall', level: 1 })).toBeVisible();
    await firstLoad(page.locator('[data-testid="wall-tile"]:not([data-group="unknown"])')).toHaveCount(1);
    // The wall's own script from the site's base (decision 0031), not the app's.
    expect(scripts.filter((p) => /^\/portal\/tools\/ci\/assets\/wall-[^/]+\.js$/.test(p))).toHaveLength(1);
    expect(scripts.filter((p) => /\/assets\/index-[^/]+\.js$/.test(p))).toEqual([]);
  } finally {
    await site.close();
  }
});

test('a deployment without its files says so instead of showing a white page', async ({ page }) => {
  const site = await serveBuildUnder('/ci/', { files: false });
  try {
    await page.goto(`${site.url}acme/platform/backend/-/jobs`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'The dashboard could not find its own files' })).toBeVisible();
    await expect(alert).toContainText('/ci/acme/platform/backend/-/, ');
    await expect(alert).toContainText('serve every file of dist/ from one folder');
  } finally {
    await site.close();
  }
});
