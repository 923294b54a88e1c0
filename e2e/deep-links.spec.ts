import { expect, test } from './fixtures.ts';

test.describe('Deep links mirror GitLab’s paths', () => {
  test('/acme/platform/backend/-/jobs opens that project’s jobs', async ({ page, connect }) => {
    await connect(page);
    await page.goto('/acme/platform/backend/-/jobs');
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('acme/platform/backend');
  });

  test('/1/-/jobs opens the same project by its numeric id', async ({ page, connect }) => {
    await connect(page);
    await page.goto('/1/-/jobs');
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    await expect(page).toHaveURL(/\/1\/-\/jobs$/);
  });

  test('a deep link before connecting goes through Settings and comes back', async ({ page, sim }) => {
    await page.goto('/acme/platform/deploy/-/jobs');
    await expect(page).toHaveURL(/\/settings\?next=/);
    await page.getByLabel('GitLab address').fill(sim.url);
    await page.getByLabel('Personal access token').fill('glpat-sim-api');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(/\/acme\/platform\/deploy\/-\/jobs$/);
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/deploy' })).toBeVisible();
  });

  test('a GitLab URL pasted into the picker opens the same page here', async ({ page, connect, sim }) => {
    await connect(page);
    await page.getByLabel('GitLab URL').fill(`${sim.url}/acme/platform/backend/-/jobs`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page).toHaveURL(/\/acme\/platform\/backend\/-\/jobs$/);
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
  });

  test('a pasted URL from another host says so before opening', async ({ page, connect }) => {
    await connect(page);
    await page.getByLabel('GitLab URL').fill('https://gitlab.example.com/acme/platform/backend/-/jobs');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByText(/That link is from gitlab\.example\.com/)).toBeVisible();
    await page.getByRole('link', { name: 'Open here' }).click();
    await expect(page).toHaveURL(/\/acme\/platform\/backend\/-\/jobs$/);
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
  });

  test('a project the token cannot see says what failed and offers a way back', async ({ page, connect }) => {
    await connect(page, 'glpat-sim-read');
    await page.goto('/acme/secret/vault/-/jobs');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { level: 1 })).toHaveText('Not found');
    await expect(alert).toContainText('404');
    await alert.getByRole('link', { name: 'Projects' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  });

  test('an unknown path shows the not-found page', async ({ page }) => {
    // A GitLab page of a project the dashboard has no view of opens the nearest one (gitlab-links.ts),
    // as the picker's paste box does: there, the project's jobs. A path that names no project is not found.
    await page.goto('/acme/platform/backend/-/merge_requests');
    // (Not connected here: Settings first, then back to that page.)
    await expect(page).toHaveURL(/next=%2Facme%2Fplatform%2Fbackend%2F-%2Fjobs$/);
    await page.goto('/-/profile');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Choose a project' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  });

  test('?embed=1 hides the header and navigation', async ({ page, connect }) => {
    await connect(page);
    await page.goto('/1/-/jobs?embed=1');
    await expect(page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' })).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCount(0);
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });
});
