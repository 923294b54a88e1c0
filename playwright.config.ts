import { defineConfig, devices } from '@playwright/test';

// The app under test is the production build (`vite build` runs first in `npm run test:e2e`),
// served by `vite preview`. Each worker starts its own gitlab-sim in-process (e2e/fixtures.ts),
// so only the static app is shared between workers.
const port = Number(process.env.E2E_PORT ?? 4317);
export const previewUrl = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Bounds, not delays: a passing story takes what it takes; on a busy 2-core CI machine a
  // screen can need several seconds to appear, so the bounds leave room for that.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: previewUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    headless: true,
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: previewUrl,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
