// What each GitLab version has: one table, read by the routes and the entities, so that
// `--api-version 9` is a 9.x host and not today's host with a different /version.
//
// Every row says since when GitLab has it and where that comes from: an "Introduced in" note
// of /work/shared/gitlab/api-docs, the first api-docs version that documents it (when no note
// says more; `first documented in N` is the conservative reading), or FACTS.md. What a version
// lacks is absent the way GitLab answers: an endpoint 404s (`{"error":"404 Not Found"}`, the
// unknown-route answer), a parameter is ignored, a field is missing, a status is never sent
// (the job shows the status that version used for that state, see STATUS_BEFORE).

export interface Since {
  major: number;
  minor: number;
  /** Where the version comes from. */
  source: string;
}

const v = (major: number, minor: number, source: string): Since => ({ major, minor, source });

/** Endpoints, keyed by `METHOD path` exactly as the routes register them (under /api/v4). */
export const ENDPOINTS = {
  'GET /version': v(8, 13, 'baseline: every version the api-docs cover answers it'),
  'GET /user': v(8, 0, 'baseline'),
  'GET /personal_access_tokens/self': v(15, 5, 'GitLab 15.5 (the client capability table, tokenSelf)'),
  'GET /projects': v(8, 0, 'baseline'),
  'GET /projects/:id': v(8, 0, 'baseline'),
  'GET /groups/:id/projects': v(8, 0, 'baseline (not in the Jobs api-docs)'),
  'GET /projects/:id/pipelines': v(8, 0, 'baseline'),
  'GET /projects/:id/pipelines/:pipeline_id': v(8, 0, 'baseline'),
  'GET /projects/:id/jobs': v(9, 0, 'api-docs 9'),
  'GET /projects/:id/pipelines/:pipeline_id/jobs': v(9, 0, 'api-docs 9'),
  'GET /projects/:id/pipeline/:pipeline_id/jobs': v(9, 0, 'api-docs 9 (the singular path it documents)'),
  'GET /projects/:id/pipelines/:pipeline_id/bridges': v(12, 0, 'first documented in api-docs 12'),
  'GET /projects/:id/pipelines/:pipeline_id/trigger_jobs': v(12, 0, 'alias of bridges (not in api-docs)'),
  'GET /job': v(13, 10, 'api-docs 15: Introduced in GitLab 13.10'),
  'GET /job/allowed_agents': v(13, 11, 'api-docs 15: Introduced in GitLab 13.11'),
  'GET /projects/:id/jobs/:job_id': v(9, 0, 'api-docs 9'),
  'GET /projects/:id/jobs/:job_id/trace': v(9, 0, 'api-docs 9'),
  'POST /projects/:id/jobs/:job_id/cancel': v(9, 0, 'api-docs 9'),
  'POST /projects/:id/jobs/:job_id/retry': v(9, 0, 'api-docs 9'),
  'POST /projects/:id/jobs/:job_id/erase': v(9, 0, 'api-docs 9'),
  'POST /projects/:id/jobs/:job_id/play': v(9, 0, 'api-docs 9'),
  'GET /projects/:id/jobs/:job_id/artifacts': v(8, 5, 'api-docs 9/12: Introduced in GitLab 8.5'),
  'GET /projects/:id/jobs/artifacts/*': v(8, 10, 'api-docs 9/12: download by ref, Introduced in GitLab 8.10'),
  'GET /projects/:id/jobs/:job_id/artifacts/*': v(10, 0, 'api-docs 12: single file, Introduced in GitLab 10.0'),
  'POST /projects/:id/jobs/:job_id/artifacts/keep': v(9, 0, 'api-docs 9'),
  'DELETE /projects/:id/jobs/:job_id/artifacts': v(11, 9, 'api-docs 12: Introduced in GitLab 11.9'),
  'GET /projects/:id/jobs/:job_id/artifacts/tree': v(18, 8, 'FACTS.md: GitLab 18.8+ has the listing endpoint'),
} as const satisfies Record<string, Since>;
export type EndpointKey = keyof typeof ENDPOINTS;

/** Parameters and behaviours of an endpoint that came later than the endpoint itself. */
export const FEATURES = {
  /** `/jobs/artifacts/:ref/raw/*path?job=`: the by-ref route answers only `download` before. */
  rawByRef: v(11, 5, 'api-docs 12: raw by ref, Introduced in GitLab 11.5'),
  /** `updated_after` / `updated_before` on the pipelines list; ignored before. */
  pipelinesUpdatedFilters: v(12, 6, 'GitLab 12.6 pipelines API (not in the Jobs api-docs)'),
  /** `source=parent_pipeline` lists child pipelines (hidden from the list otherwise); before, that answered []. */
  childPipelinesBySource: v(17, 0, 'GitLab 17.0 PipelinesFinder (gitlab-org/gitlab!149839; not in the Jobs api-docs)'),
  /** `include_retried` on the pipeline jobs list; ignored before. */
  includeRetried: v(13, 9, 'api-docs 15: include_retried, Introduced in GitLab 13.9'),
  /** Pipeline jobs: retried jobs hidden by default and newest first; before, every attempt, oldest first. */
  pipelineJobsLatestDesc: v(13, 5, 'api-docs 15: "In GitLab 13.5 and later … sorted by ID in descending order"'),
  /** `job_variables_attributes` on play; ignored before. */
  playVariables: v(14, 9, 'api-docs 15: job_variables_attributes, Introduced in GitLab 14.9'),
  /** `pagination=keyset` on the project jobs list; ignored (offset) before. */
  keysetJobs: v(15, 9, 'FACTS.md: Keyset (GitLab 15.9+)'),
  /** Retry of a trigger job; before, the retry endpoint finds builds only (404 for a bridge). */
  retryBridges: v(17, 0, 'api-docs 17: "Prior to GitLab 17.0, this endpoint does not support trigger jobs"'),
} as const satisfies Record<string, Since>;
export type FeatureKey = keyof typeof FEATURES;

/**
 * Job and bridge fields (Entities::Ci::JobBasic, Job, Bridge), from the api-docs examples:
 * a field first appears in the examples of the version named.
 */
export const JOB_FIELDS = {
  allow_failure: v(12, 0, 'first documented in api-docs 12'),
  duration: v(12, 0, 'first documented in api-docs 12'),
  web_url: v(12, 0, 'first documented in api-docs 12'),
  artifacts: v(12, 0, 'first documented in api-docs 12'),
  artifacts_expire_at: v(12, 0, 'first documented in api-docs 12'),
  downstream_pipeline: v(12, 0, 'first documented in api-docs 12 (bridges)'),
  queued_duration: v(15, 0, 'first documented in api-docs 15'),
  failure_reason: v(15, 0, 'first documented in api-docs 15'),
  tag_list: v(15, 0, 'first documented in api-docs 15'),
  project: v(15, 0, 'first documented in api-docs 15'),
  erased_at: v(17, 0, 'first documented in api-docs 17'),
  archived: v(17, 0, 'first documented in api-docs 17'),
  runner_manager: v(17, 0, 'first documented in api-docs 17'),
} as const satisfies Record<string, Since>;

/** PipelineBasic fields inside jobs and on the pipelines list. */
export const PIPELINE_FIELDS = {
  created_at: v(12, 0, 'first documented in api-docs 12 (bridges)'),
  updated_at: v(12, 0, 'first documented in api-docs 12 (bridges)'),
  web_url: v(12, 0, 'first documented in api-docs 12 (bridges)'),
  project_id: v(15, 0, 'first documented in api-docs 15'),
  iid: v(15, 0, 'FACTS.md PipelineBasic; not in older api-docs'),
  source: v(15, 0, 'FACTS.md PipelineBasic; not in older api-docs'),
} as const satisfies Record<string, Since>;

/**
 * Job statuses. The `scope` lists of the api-docs name what each version could filter on;
 * statuses no scope list names come from FACTS.md's list of today's statuses, dated by the
 * GitLab release that added them.
 */
export const STATUSES = {
  created: v(8, 0, 'api-docs 9 scope list'),
  pending: v(8, 0, 'api-docs 9 scope list'),
  running: v(8, 0, 'api-docs 9 scope list'),
  failed: v(8, 0, 'api-docs 9 scope list'),
  success: v(8, 0, 'api-docs 9 scope list'),
  canceled: v(8, 0, 'api-docs 9 scope list'),
  skipped: v(8, 0, 'api-docs 9 scope list'),
  manual: v(8, 8, 'api-docs 12 scope list (manual jobs date from 8.8)'),
  scheduled: v(11, 4, 'FACTS.md statuses (delayed jobs, GitLab 11.4)'),
  preparing: v(12, 3, 'FACTS.md statuses (GitLab 12.3)'),
  waiting_for_resource: v(15, 0, 'first in the api-docs 15 scope list'),
  canceling: v(16, 9, 'FACTS.md statuses (GitLab 16.9)'),
  waiting_for_callback: v(17, 5, 'FACTS.md statuses (GitLab 17.5)'),
} as const satisfies Record<string, Since>;
export type SimStatus = keyof typeof STATUSES;

/** The status an older GitLab showed for a state it had no word for. */
export const STATUS_BEFORE: Record<SimStatus, SimStatus | null> = {
  created: null,
  pending: null,
  running: null,
  failed: null,
  success: null,
  canceled: null,
  skipped: null,
  manual: 'created',
  scheduled: 'manual',
  preparing: 'pending',
  waiting_for_resource: 'pending',
  canceling: 'running',
  waiting_for_callback: 'running',
};

/** `scope` values that a version could filter on later than it had the status: manual is first in the api-docs 12 scope list. */
const SCOPE_SINCE: Partial<Record<SimStatus, Since>> = {
  manual: v(12, 0, 'first in the api-docs 12 scope list'),
};

/** The `scope` values of the jobs lists at that version (others: 400, as Grape's `values:` answers). */
export function scopeValues(host: HostVersion): SimStatus[] {
  return (Object.keys(STATUSES) as SimStatus[]).filter((s) => has(host, STATUSES[s]) && has(host, SCOPE_SINCE[s] ?? STATUSES[s]));
}

/** The versions `--api-version` names by major, one per api-docs version, and the newest. */
export const NAMED_VERSIONS: Record<string, string> = {
  '9': '9.5.10-ee',
  '12': '12.10.14-ee',
  '15': '15.11.13-ee',
  '17': '17.11.0-ee',
  '18': '18.8.2-ee',
};
export const NEWEST_VERSION = '18.8.2-ee';

export interface HostVersion {
  major: number;
  minor: number;
}

export function hostVersion(raw: string): HostVersion {
  const m = (NAMED_VERSIONS[raw] ?? raw).match(/^(\d+)(?:\.(\d+))?/);
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : { major: 18, minor: 8 };
}

/** Does a host of version `host` have what `since` names? */
export function has(host: HostVersion, since: Since): boolean {
  return host.major > since.major || (host.major === since.major && host.minor >= since.minor);
}

/** The status a host of that version sends for a job in `status` (walks STATUS_BEFORE). */
export function statusAt(host: HostVersion, status: SimStatus): SimStatus;
export function statusAt(host: HostVersion, status: string): string;
export function statusAt(host: HostVersion, status: string): string {
  let s = status;
  for (let i = 0; i < 4; i++) {
    if (!(s in STATUSES)) return s;
    const known = s as SimStatus;
    if (has(host, STATUSES[known])) return s;
    const before = STATUS_BEFORE[known];
    if (before === null) return s;
    s = before;
  }
  return s;
}

/** Drops from `out` every field of `fields` that the host did not have yet. */
export function dropNewer(host: HostVersion, out: Record<string, unknown>, fields: Record<string, Since>): void {
  for (const [name, since] of Object.entries(fields)) if (!has(host, since)) delete out[name];
}
