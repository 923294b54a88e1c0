import { expect, test, TOKENS } from './fixtures.ts';

test.describe('Connecting to GitLab through Settings', () => {
  test('with the api token, I see who I am, that the token can act, and then project 1’s jobs', async ({ page, sim }) => {
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    // Remembering the token is opt-in.
    await expect(page.getByLabel('Remember on this device')).not.toBeChecked();

    await page.getByLabel('GitLab address').fill(sim.url);
    await page.getByLabel('Personal access token').fill(TOKENS.api);
    await page.getByRole('button', { name: 'Test connection' }).click();

    const report = page.getByRole('region', { name: 'Connection test result' });
    await expect(report).toContainText(/\d+\.\d+\.\d+/); // GitLab's version
    await expect(report).toContainText('Sim Admin');
    await expect(report).toContainText('can act');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await expect(page.getByTestId('connection-state')).toContainText('Sim Admin');

    await page.getByLabel('Search projects').fill('backend');
    await expect(page).toHaveURL(/\?search=backend$/);
    await page.getByRole('list', { name: 'Projects' }).getByRole('link', { name: /acme\/platform\/backend/ }).click();

    await expect(page).toHaveURL(/\/acme\/platform\/backend\/-\/jobs$/);
    await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    for (const name of ['Status', 'Job', 'Stage', 'Pipeline']) await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByText(/^100 jobs loaded/)).toBeVisible(); // the newest page, GitLab's maximum per page
    await expect(page.getByRole('banner')).toContainText('acme/platform/backend');

    // The project is now among the recent ones on the picker.
    await page.getByRole('link', { name: 'Projects' }).first().click();
    await expect(page.getByRole('list', { name: 'Recent projects' })).toContainText('acme/platform/backend');
  });

  test('the token is kept for this browser session only unless I ask', async ({ page, connect }) => {
    await connect(page);
    const stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
    expect(stored.local).not.toContain(TOKENS.api);
    expect(stored.session).toContain(TOKENS.api);
  });

  test('Disconnect forgets the token', async ({ page, connect }) => {
    await connect(page);
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByRole('link', { name: 'Not connected' })).toBeVisible();
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage));
    expect(stored).not.toContain(TOKENS.api);
  });
});
