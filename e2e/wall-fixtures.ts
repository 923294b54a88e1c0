/**
 * Fixtures for the wall's stories: a simulated GitLab with the fleet (`projects: 20`) per worker,
 * a paused clock and no faults at the start of each test, and a kiosk config.json that points the
 * app at it with a token (as a wall on a trusted network is set up).
 */
import type { Page, Route } from '@playwright/test';
import { createSim, serveSim } from '../gitlab-sim/index.ts';
import { expect, test as base, TOKENS } from './fixtures.ts';

export interface WallSim {
  url: string;
  clock(body: { speed?: number; paused?: boolean; advance_ms?: number }): Promise<void>;
  faults(body: { latency_ms?: number; error_rate?: number; error_status?: number; rate_limit_429?: boolean; cors?: boolean; api_version?: string }): Promise<void>;
  push(body: { project_id: number; ref?: string; outcome?: 'success' | 'failed'; username?: string; title?: string }): Promise<{ id: number }>;
}

async function post(url: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) throw new Error(`sim admin ${path} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

interface WallWorkerFixtures {
  fleetServer: { url: string };
}
interface WallTestFixtures {
  fleet: WallSim;
  /** Serves config.json as a kiosk would have it: the simulator's address, a token, and `wall`/`refresh` settings. */
  kiosk: (page: Page, options?: { token?: string; wall?: Record<string, unknown>; refresh?: Record<string, unknown> }) => Promise<void>;
}

export const test = base.extend<WallTestFixtures, WallWorkerFixtures>({
  fleetServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
    async ({}, use) => {
      const sim = createSim({ seed: 1, paused: true, projects: 20, hugeLogBytes: 100_000 });
      const server = await serveSim(sim, { port: 0, host: '127.0.0.1' });
      await use({ url: server.url.replace(/\/+$/, '') });
      await server.close();
    },
    { scope: 'worker' },
  ],

  fleet: async ({ fleetServer }, use) => {
    const url = fleetServer.url;
    const handle: WallSim = {
      url,
      clock: async (body) => void (await post(url, '/-/sim/clock', body)),
      faults: async (body) => void (await post(url, '/-/sim/faults', body)),
      push: async (body) => (await post(url, '/-/sim/push', body)) as { id: number },
    };
    await post(url, '/-/sim/reset');
    await handle.faults({ latency_ms: 0, error_rate: 0, rate_limit_429: false, cors: true });
    await handle.clock({ paused: true, speed: 1 });
    await use(handle);
    await handle.faults({ latency_ms: 0, error_rate: 0, rate_limit_429: false, cors: true });
  },

  kiosk: async ({ fleet }, use) => {
    await use(async (page, options = {}) => {
      await page.route('**/config.json', async (route: Route) => {
        await route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            gitlab: { url: fleet.url, token: options.token ?? TOKENS.read },
            refresh: { wallMs: 15_000, ...options.refresh },
            wall: options.wall ?? {},
          }),
        });
      });
    });
  },
});

export { expect };

/** Lets the wall's fake time pass in steps, so each refresh's real request can finish in between. */
export async function letTimePass(page: Page, totalMs: number, stepMs = 5_000): Promise<void> {
  for (let t = 0; t < totalMs; t += stepMs) {
    await page.clock.fastForward(Math.min(stepMs, totalMs - t));
    await page.waitForTimeout(50);
  }
}
