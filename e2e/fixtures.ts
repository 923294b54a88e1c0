/**
 * Fixtures for the user stories: each Playwright worker runs its own simulated GitLab
 * in-process (docs/decisions/0003); every test starts from the seed, a paused clock and no
 * faults, so what a test sees does not depend on when or beside what it runs.
 */
import { createServer } from 'node:net';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createSim, serveSim } from '../gitlab-sim/index.ts';

export const TOKENS = {
  api: 'glpat-sim-api',
  read: 'glpat-sim-read',
  expired: 'glpat-sim-expired',
  wrong: 'glpat-not-a-real-token',
} as const;

export interface SimHandle {
  /** The simulated GitLab's address, as a person would type it in Settings. */
  url: string;
  /** POST /-/sim/clock: move or pause the simulated time. */
  clock(body: { speed?: number; paused?: boolean; advance_ms?: number }): Promise<void>;
  /** POST /-/sim/faults: latency, errors, 429s, stripped CORS. */
  faults(body: { latency_ms?: number; error_rate?: number; error_status?: number; rate_limit_429?: boolean; cors?: boolean; cors_preflight?: boolean; artifacts_redirect?: boolean }): Promise<void>;
  reset(): Promise<void>;
}

async function admin(url: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sim admin ${path} answered ${response.status}: ${await response.text()}`);
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface WorkerFixtures {
  simServer: { url: string };
}

interface TestFixtures {
  sim: SimHandle;
  /** An address where nothing answers. */
  unreachableHost: string;
  /** Settings → host and token → Save; leaves the page on the project picker. */
  connect: (page: Page, token?: string) => Promise<void>;
  /** Runs axe on the page and fails on any serious or critical violation. */
  expectAccessible: (page: Page, label: string) => Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  simServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
    async ({}, use) => {
      // Paused: the seed's running jobs stay running until a test advances the clock.
      const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 2_000_000 });
      const server = await serveSim(sim, { port: 0, host: '127.0.0.1' });
      await use({ url: server.url.replace(/\/+$/, '') });
      await server.close();
    },
    { scope: 'worker' },
  ],

  sim: async ({ simServer }, use) => {
    const url = simServer.url;
    const handle: SimHandle = {
      url,
      clock: (body) => admin(url, '/-/sim/clock', body),
      faults: (body) => admin(url, '/-/sim/faults', body),
      reset: () => admin(url, '/-/sim/reset'),
    };
    await handle.reset();
    await handle.faults({ latency_ms: 0, error_rate: 0, rate_limit_429: false, cors: true });
    await handle.clock({ paused: true, speed: 1 });
    await use(handle);
    await handle.faults({ latency_ms: 0, error_rate: 0, rate_limit_429: false, cors: true });
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
  unreachableHost: async ({}, use) => {
    await use(`http://127.0.0.1:${await closedPort()}`);
  },

  connect: async ({ sim }, use) => {
    await use(async (page, token = TOKENS.api) => {
      await page.goto('/settings');
      await page.getByLabel('GitLab address').fill(sim.url);
      await page.getByLabel('Personal access token').fill(token);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    });
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
  expectAccessible: async ({}, use) => {
    await use(async (page, label) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
      expect(summary, `accessibility of ${label}`).toEqual([]);
    });
  },
});

export { expect };
