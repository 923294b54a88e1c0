// The simulated world's plain data. Times are simulated unix milliseconds.

export const JOB_STATUSES = [
  'created',
  'waiting_for_resource',
  'preparing',
  'waiting_for_callback',
  'pending',
  'running',
  'success',
  'failed',
  'canceling',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['success', 'failed', 'canceled', 'skipped']);

export interface User {
  id: number;
  username: string;
  name: string;
  email: string;
  createdAt: number;
}

export interface Namespace {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  parentId: number | null;
}

export interface Project {
  id: number;
  name: string;
  path: string;
  description: string;
  namespace: Namespace;
  defaultBranch: string;
  createdAt: number;
  /** Refs on which the api token's user may not act (GitLab's protected branches). */
  protectedRefs: string[];
  /** User ids that are members; others get 404 as in GitLab for private projects. */
  memberIds: number[];
  visibility: 'private' | 'internal' | 'public';
  /** GitLab's "archive jobs older than" setting: old jobs cannot be retried. */
  archiveAfterMs: number | null;
}

export interface Commit {
  sha: string;
  parentSha: string;
  title: string;
  message: string;
  authorName: string;
  authorEmail: string;
  at: number;
}

export type PipelineSource = 'push' | 'web' | 'schedule' | 'api' | 'trigger' | 'pipeline' | 'parent_pipeline' | 'merge_request_event';

export interface Pipeline {
  id: number;
  iid: number;
  projectId: number;
  ref: string;
  tag: boolean;
  source: PipelineSource;
  commit: Commit;
  beforeSha: string;
  userId: number;
  status: JobStatus;
  /** success with allowed failures: GitLab's "passed with warnings". */
  warnings: boolean;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  jobIds: number[];
  /** The bridge that created this pipeline (child or multi-project). */
  parentBridgeId: number | null;
}

export interface ArtifactsSpec {
  fileCount: number;
  totalBytes: number;
  /** Lifetime after the job finishes; null = never expires. */
  expireInMs: number | null;
  /** Set when the job finishes (or by keep: null). */
  expireAt: number | null;
  /** The archive exists once the job has succeeded. */
  uploaded: boolean;
  deleted: boolean;
}

export interface JobPlan {
  queueSec: number;
  runSec: number;
  outcome: 'success' | 'failed';
  failureReason: string;
  /** Delay of a `when: delayed` job. */
  delaySec: number;
  /** Reports a coverage figure when it succeeds. */
  coverage: boolean;
  /** What a failing run prints as its error (seeded failure stories); else the tool's usual failure. */
  cause?: string[];
  /** A status the job sits in (instead of pending) until `holdUntil`. */
  hold: { status: JobStatus; until: number } | null;
}

export interface Downstream {
  projectId: number;
  kind: 'child' | 'multi';
  ref: string;
  template: string;
}

export interface Job {
  id: number;
  kind: 'build' | 'bridge';
  projectId: number;
  pipelineId: number;
  name: string;
  stage: string;
  stageIdx: number;
  when: 'on_success' | 'manual' | 'delayed' | 'always';
  allowFailure: boolean;
  status: JobStatus;
  createdAt: number;
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  erasedAt: number | null;
  scheduledAt: number | null;
  /** End of the `canceling` phase. */
  cancelingUntil: number | null;
  /** How far the log had got when a running job was canceled (0..1). */
  cancelFraction: number | null;
  plan: JobPlan;
  failureReason: string | null;
  coverage: number | null;
  tagList: string[];
  runnerId: number | null;
  userId: number;
  retried: boolean;
  artifacts: ArtifactsSpec | null;
  variables: { key: string; value: string }[];
  logSeed: number;
  logTimestamps: boolean;
  hugeLog: boolean;
  downstream: Downstream | null;
  downstreamPipelineId: number | null;
}

export interface Runner {
  id: number;
  description: string;
  ipAddress: string;
  name: string | null;
  isShared: boolean;
  managerId: number;
  systemId: string;
  version: string;
  revision: string;
}

export interface World {
  seed: number;
  startAt: number;
  users: User[];
  projects: Project[];
  runners: Runner[];
  pipelines: Map<number, Pipeline>;
  jobs: Map<number, Job>;
  /** Job ids per project, ascending. */
  projectJobs: Map<number, number[]>;
  /** Pipeline ids per project, ascending. */
  projectPipelines: Map<number, number[]>;
  nextJobId: number;
  nextPipelineId: number;
  nextIid: Map<number, number>;
  /** Pipelines with something left to happen. */
  active: Set<number>;
  /** Index of the next periodic pipeline on project 1. */
  periodicCount: number;
  periodicEveryMs: number;
  /** Pipelines that keep arriving on the fleet's projects (`--projects N`), one schedule per project × ref. */
  schedules: Schedule[];
}

/**
 * Pushes that keep arriving on one ref: pipeline `k` is created at `startAt + offsetMs + k × everyMs`
 * (k < 0: seeded history), by one of `userIds`, from `template`. `next` is the next k to create.
 */
export interface Schedule {
  projectId: number;
  ref: string;
  everyMs: number;
  offsetMs: number;
  template: string;
  userIds: number[];
  next: number;
}
