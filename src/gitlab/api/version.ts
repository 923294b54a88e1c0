import { queryOptions } from '@tanstack/react-query';
import { gitlabKeys } from '../query-keys.ts';
import { GitLabError } from '../errors.ts';
import { gitlabRequest } from '../transport.ts';
import type { Connection } from '../transport.ts';
import { VersionSchema } from '../types.ts';
import type { Version } from '../types.ts';

/** `GET /version` (needs a token on most instances). */
export async function fetchVersion(conn: Connection, signal?: AbortSignal): Promise<Version> {
  const { data } = await gitlabRequest(conn, '/version', { schema: VersionSchema, signal });
  return data;
}

/**
 * The host's version, learned once per connection (the key is the connection; it never goes
 * stale). A host that hides `/version` (404, 403) gives `null`: an unknown version, so every
 * capability is tried and the answers decide.
 */
export function versionQueryOptions(conn: Connection) {
  return queryOptions({
    queryKey: gitlabKeys.version(conn),
    queryFn: async ({ signal }): Promise<Version | null> => {
      try {
        return await fetchVersion(conn, signal);
      } catch (e) {
        if (e instanceof GitLabError && (e.kind === 'not-found' || e.kind === 'forbidden')) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });
}

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

/** "17.11.0-ee" → { major: 17, minor: 11, patch: 0 }; null when unreadable. */
export function parseVersion(version: string | Version | null | undefined): ParsedVersion | null {
  const text = typeof version === 'string' ? version : version?.version;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text?.trim() ?? '');
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

/** True when the version is at least major.minor; null (unknown) when the version is unknown. */
export function versionAtLeast(version: string | Version | null | undefined, major: number, minor = 0): boolean | null {
  const v = parseVersion(version);
  if (!v) return null;
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * The capability table: each thing the dashboard may use that not every GitLab has, with the
 * version that introduced it (api-docs "Introduced in" notes and FACTS.md, the same rows as
 * gitlab-sim/versions.ts). Every view asks here; none compares versions itself.
 */
export const GITLAB_CAPABILITIES = {
  /** `GET …/pipelines/:id/bridges` (first documented in 12): older hosts have no trigger jobs to list. */
  pipelineBridges: { since: [12, 0], label: 'Trigger jobs' },
  /** One artifact file, `GET …/jobs/:id/artifacts/*path` (10.0). */
  artifactFile: { since: [10, 0], label: 'Opening one artifact file' },
  /** One file by ref, `GET …/jobs/artifacts/:ref/raw/*path?job=` (11.5). */
  artifactRawByRef: { since: [11, 5], label: 'Artifact files by branch' },
  /** `DELETE …/jobs/:id/artifacts` (11.9). */
  deleteArtifacts: { since: [11, 9], label: 'Deleting artifacts' },
  /** `include_retried` on the pipeline jobs list (13.9); before 13.5 every attempt was listed anyway. */
  includeRetried: { since: [13, 9], label: 'Showing retried jobs' },
  /** `job_variables_attributes` on play (14.9). */
  playVariables: { since: [14, 9], label: 'Running a job with variables' },
  /** `GET /personal_access_tokens/self` (15.5). */
  tokenSelf: { since: [15, 5], label: 'Reading the token\'s scopes' },
  /** `pagination=keyset` on the project jobs list (15.9). */
  keysetJobs: { since: [15, 9], label: 'Keyset pagination' },
  /** Retry of trigger jobs (api-docs 17: "Prior to GitLab 17.0, this endpoint does not support trigger jobs"). */
  retryBridges: { since: [17, 0], label: 'Retrying a trigger job' },
  /** `GET …/jobs/:id/artifacts/tree` (18.8); older hosts: read the zip's central directory. */
  artifactTree: { since: [18, 8], label: 'Listing artifacts on the server' },
} as const satisfies Record<string, { since: readonly [number, number]; label: string }>;
export type GitLabCapability = keyof typeof GITLAB_CAPABILITIES;

/** true / false by the host's version; `null` when the version is unknown: try, and let the answer decide. */
export type GitLabFeatures = Record<GitLabCapability, boolean | null>;

/** What the host's version supports. */
export function gitlabFeatures(version: string | Version | null | undefined): GitLabFeatures {
  const out = {} as GitLabFeatures;
  for (const key of Object.keys(GITLAB_CAPABILITIES) as GitLabCapability[]) {
    const [major, minor] = GITLAB_CAPABILITIES[key].since;
    out[key] = versionAtLeast(version, major, minor);
  }
  return out;
}

/**
 * The job statuses the jobs lists' `scope` filter takes, by the version that first accepted
 * each (the scope lists of the api-docs; FACTS.md dates the statuses they do not name). A host
 * older than that answers 400 "scope does not have a valid value" for the whole request.
 */
export const JOB_SCOPE_SINCE: Readonly<Record<string, readonly [number, number]>> = {
  created: [8, 0],
  pending: [8, 0],
  running: [8, 0],
  failed: [8, 0],
  success: [8, 0],
  canceled: [8, 0],
  skipped: [8, 0],
  manual: [12, 0],
  scheduled: [11, 4],
  preparing: [12, 3],
  waiting_for_resource: [15, 0],
  canceling: [16, 9],
  waiting_for_callback: [17, 5],
};

/**
 * Why the host cannot filter jobs by this status ("needs GitLab 12.0 or later"), or undefined
 * when it can or may (unknown version, or a status the table does not know: GitLab decides).
 */
export function jobScopeReason(version: string | Version | null | undefined, status: string): string | undefined {
  const since = JOB_SCOPE_SINCE[status];
  if (!since || versionAtLeast(version, since[0], since[1]) !== false) return undefined;
  return `needs GitLab ${since[0]}.${since[1]} or later`;
}

/** "needs GitLab 14.9 or later" */
export function capabilityReason(key: GitLabCapability): string {
  const [major, minor] = GITLAB_CAPABILITIES[key].since;
  return `needs GitLab ${major}.${minor} or later`;
}

/**
 * Why a capability is not offered on this host (`Running a job with variables needs GitLab 14.9
 * or later`), or undefined when it is or may be (unknown version).
 */
export function unavailableReason(features: GitLabFeatures | null | undefined, key: GitLabCapability): string | undefined {
  if (!features || features[key] !== false) return undefined;
  return `${GITLAB_CAPABILITIES[key].label} ${capabilityReason(key)}.`;
}
