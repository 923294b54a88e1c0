// Shared by the tests that render the whole app (session, providers, router) at a route against
// the simulated GitLab in-process: the connection it is given, and a seeded job as they read it.
import { cleanup, configure, render } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { createSim, type Sim, type SimOptions } from '../../../../gitlab-sim/index.ts';
import { DEFAULT_CONFIG, memoryStorage, parseUrlSettings } from '../../../config/index.ts';
import { AppProviders, createQueryClient, DEFAULT_ENV } from '../../providers.tsx';
import { createTestRouter } from '../../router.tsx';
import { createSession } from '../../session.ts';

// The app's pages are lazy route modules (decision 0021): a page's first visit in a test run
// imports (and transforms) its whole feature, which can take more than the default second here.
configure({ asyncUtilTimeout: 10_000 });

export const HOST = 'http://sim.test';

/** A job of GitLab's jobs API, with the fields these tests read. */
export interface ApiJob {
  id: number;
  name: string;
  status: string;
  ref?: string;
  erased_at?: string | null;
  pipeline?: { id: number };
}

/** The current test's simulator, fresh for each test of a file that calls `setUpAppSim()`. */
export let sim: Sim;

/** Registers the hooks: a fresh paused simulator as the global fetch before each test; the DOM and the stub undone after. */
export function setUpAppSim(options: SimOptions = {}): void {
  beforeEach(() => {
    sim = createSim({ paused: true, ...options });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => sim.fetch(new Request(input, init)));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}

export interface RenderAppOptions {
  /** The token the session is connected with. */
  token?: string;
  /** The address's settings (`?readonly=1`). */
  url?: string;
  poll?: typeof DEFAULT_ENV.poll;
  /** false: GitLab queries fail at once instead of after the app's backoff. */
  retry?: boolean;
}

/** The whole app at `path`, connected to the simulator at HOST. */
export function renderApp(path: string, { token = 'glpat-sim-api', url = '', poll = DEFAULT_ENV.poll, retry = true }: RenderAppOptions = {}) {
  const storages = { session: memoryStorage(), local: memoryStorage() };
  const session = createSession({ config: DEFAULT_CONFIG, url: parseUrlSettings(url), baseUrl: 'http://dashboard.test/', storages });
  session.saveConnection({ host: HOST, token, remember: false });
  const queryClient = createQueryClient();
  // The backoff itself is tested with the query defaults (src/gitlab/polling.test.ts); here only what the page shows.
  if (!retry) queryClient.setQueryDefaults(['gitlab'], { retry: false });
  const env = { ...DEFAULT_ENV, poll };
  const router = createTestRouter({ queryClient, session, env }, [path]);
  render(
    <AppProviders queryClient={queryClient} session={session} env={env}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { router, queryClient };
}
