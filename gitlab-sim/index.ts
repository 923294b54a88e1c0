// gitlab-sim: a faithful simulated GitLab host (see README.md). The contract shared with the
// dashboard and the tests is documented in gitlab-sim/README.md: createSim, serveSim, SimOptions.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHandler } from './app.ts';
import { DEMO_CLIENT_ID } from './oauth/store.ts';
import { createState, DEFAULT_API_VERSION } from './state.ts';

export interface SimOptions {
  /** Default 1; the same seed gives the same world. */
  seed?: number;
  /** Simulated ms per real ms; default 1. */
  clockSpeed?: number;
  /** Start with the clock paused. */
  paused?: boolean;
  /** Size of the `huge-log` job's log; default 50_000_000. */
  hugeLogBytes?: number;
  /** GET /projects/:id/jobs limit per user per minute; default 600. */
  jobsRateLimitPerMinute?: number;
  /** The GitLab version reported and served ("9", "12", "15", "17" or a full version); default 18.8.2-ee. */
  apiVersion?: string;
  /** About how many jobs acme/tools/big-history holds (default 5,280); more for paging benches. */
  bigProjectJobs?: number;
  /**
   * Adds N projects (ids from 101, `acme/fleet/…` and `acme/fleet/edge/…`) whose pipelines keep
   * arriving on `main` and a few other refs: some flaky, some slow, one with a manual deploy.
   * For the wall display. Default 0.
   */
  projects?: number;
  /**
   * Redirect URIs of the registered demo OAuth application (a public client, scopes api and
   * read_api); default the dev server's `http://127.0.0.1:5173/oauth/callback` and the localhost one.
   */
  oauthRedirectUris?: string[];
}

/** The registered demo OAuth application: its Application ID (there is no secret: a public client). */
export const SIM_OAUTH_CLIENT_ID = DEMO_CLIENT_ID;

export interface Sim {
  /** The whole host: /api/v4/*, /-/sim/* (admin). */
  fetch(request: Request): Promise<Response>;
  /** Back to the seed (world, clock and knobs). */
  reset(): void;
}

export const SIM_TOKENS = {
  api: 'glpat-sim-api',
  read: 'glpat-sim-read',
  expired: 'glpat-sim-expired',
} as const;

export function createSim(options: SimOptions = {}): Sim {
  const state = createState({
    seed: options.seed ?? 1,
    clockSpeed: options.clockSpeed ?? 1,
    paused: options.paused ?? false,
    hugeLogBytes: options.hugeLogBytes ?? 50_000_000,
    jobsRateLimitPerMinute: options.jobsRateLimitPerMinute ?? 600,
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    bigProjectJobs: options.bigProjectJobs,
    projects: options.projects ?? 0,
    oauthRedirectUris: options.oauthRedirectUris,
  });
  const reset = (): void => {
    state.reset();
  };
  const handler = createHandler(state, reset);
  return { fetch: handler, reset };
}

export async function serveSim(sim: Sim, opts: { port?: number; host?: string } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const hostname = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (req: Request) => sim.fetch(req), port: opts.port ?? 4010, hostname }, (info: AddressInfo) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
