// The simulator's mutable state: the world, its clock, cached content and the test knobs.
import { DEFAULT_REDIRECT_URIS, OAuthStore } from './oauth/store.ts';
import { SimClock } from './world/clock.ts';
import { ContentStore } from './world/content.ts';
import type { World } from './world/model.ts';
import { createRandom, type Random } from './world/random.ts';
import { seedWorld } from './world/seed.ts';
import { NAMED_VERSIONS, NEWEST_VERSION, hostVersion, type HostVersion } from './versions.ts';

export interface ResolvedOptions {
  seed: number;
  clockSpeed: number;
  paused: boolean;
  hugeLogBytes: number;
  jobsRateLimitPerMinute: number;
  apiVersion: string;
  /** Jobs seeded in acme/tools/big-history (undefined: the default 5,280). */
  bigProjectJobs?: number | undefined;
  /** Projects of the fleet (`--projects N`). */
  projects: number;
  /** Redirect URIs registered for the demo OAuth application (default: the dev server's). */
  oauthRedirectUris?: string[] | undefined;
}

export interface Faults {
  latencyMs: number;
  errorRate: number;
  errorStatus: number;
  /** Every /api/v4 request answers the general throttle's 429 "Retry later". */
  rateLimit429: boolean;
  /** false: strip every CORS header, as a proxy would. */
  cors: boolean;
  /**
   * With `cors: false`, still answer preflights with CORS: the request is sent and GitLab acts
   * on it, only its answer is unreadable (a proxy that strips CORS from answers only, or a
   * preflight the browser had cached). A write's outcome is then unknown to the browser.
   */
  corsPreflight: boolean;
  jobsRateLimitPerMinute: number;
  /** The GitLab version the host reports and whose entities it serves. */
  apiVersion: string;
  /** Archives answer 302 to "object storage" (another origin, no CORS), as GitLab with object storage does. */
  artifactsRedirect: boolean;
  /** Where archives redirect to (an origin such as `http://127.0.0.1:5000`); null: the sibling origin (127.0.0.1 ↔ localhost). */
  artifactsRedirectTo: string | null;
}

export interface SimState {
  readonly options: ResolvedOptions;
  /** GitLab's OAuth provider: the demo application, grants and tokens (tokens go with a reset, registered redirect URIs stay). */
  oauth: OAuthStore;
  /** The demo application's redirect URIs, kept across resets. */
  readonly oauthRedirectUris: string[];
  world: World;
  clock: SimClock;
  content: ContentStore;
  faults: Faults;
  /** Requests to GET /projects/:id/jobs per user in the current minute. */
  jobsRate: Map<number, { windowStart: number; count: number }>;
  faultRandom: Random;
  reset(): void;
}

/** Version strings for the `api_version` knob: a major ("9", "17") or a full version. */
export function versionString(v: string): string {
  return NAMED_VERSIONS[v] ?? v;
}

/** The host's version as the routes and entities read it (versions.ts). */
export function hostOf(state: SimState): HostVersion {
  return hostVersion(state.faults.apiVersion);
}

export const DEFAULT_API_VERSION = NEWEST_VERSION;

function freshFaults(o: ResolvedOptions): Faults {
  return {
    latencyMs: 0,
    errorRate: 0,
    errorStatus: 500,
    rateLimit429: false,
    cors: true,
    corsPreflight: false,
    jobsRateLimitPerMinute: o.jobsRateLimitPerMinute,
    apiVersion: o.apiVersion,
    artifactsRedirect: false,
    artifactsRedirectTo: null,
  };
}

export function createState(options: ResolvedOptions): SimState {
  const oauthRedirectUris = [...(options.oauthRedirectUris ?? DEFAULT_REDIRECT_URIS)];
  const build = (): Pick<SimState, 'world' | 'clock' | 'content' | 'faults' | 'jobsRate' | 'faultRandom' | 'oauth'> => {
    // Whole seconds keep the seeded timestamps tidy.
    const startAt = Math.floor(Date.now() / 1000) * 1000;
    return {
      world: seedWorld(options.seed, startAt, { bigProjectJobs: options.bigProjectJobs, projects: options.projects }),
      clock: new SimClock(startAt, options.clockSpeed, options.paused),
      content: new ContentStore(options.hugeLogBytes),
      faults: freshFaults(options),
      jobsRate: new Map(),
      faultRandom: createRandom(options.seed ^ 0x5eed),
      oauth: new OAuthStore(oauthRedirectUris),
    };
  };
  const state: SimState = {
    options,
    oauthRedirectUris,
    ...build(),
    reset() {
      Object.assign(state, build());
    },
  };
  return state;
}
