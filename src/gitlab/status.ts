/**
 * The one vocabulary of job and pipeline statuses: every status set the dashboard decides on,
 * named after what it means, beside GitLab's own names for them (Ci::HasStatus in
 * gitlab-org/gitlab `app/models/concerns/ci/has_status.rb`). Statuses are plain strings from the
 * network: a value a newer GitLab adds is in none of these sets, so every predicate answers false
 * for it and the callers treat it as "something else" rather than failing.
 */
import type { Job } from './types.ts';

/** Every job status GitLab knows (Ci::HasStatus::AVAILABLE_STATUSES): the client's one list. */
export const KNOWN_JOB_STATUSES = [
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
export type KnownJobStatus = (typeof KNOWN_JOB_STATUSES)[number];
/** A job or pipeline status: one of `KnownJobStatus`, or a value a newer GitLab added. */
export type JobStatus = KnownJobStatus | (string & {});

type Status = string | null | undefined;

function statusSet(...statuses: KnownJobStatus[]): (status: Status) => boolean {
  const set: ReadonlySet<string> = new Set(statuses);
  return (status) => status != null && set.has(status);
}

const KNOWN: ReadonlySet<string> = new Set(KNOWN_JOB_STATUSES);
export function isKnownStatus(status: string): status is KnownJobStatus {
  return KNOWN.has(status);
}

/** Will change without anyone acting (queued, running, scheduled…): poll it fast. */
export const isActiveStatus = statusSet('created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending', 'running', 'canceling', 'scheduled');

/**
 * Reached an end state (Ci::HasStatus::COMPLETED_STATUSES). `manual` and unknown statuses are
 * neither active nor finished.
 */
export const isFinishedStatus = statusSet('success', 'failed', 'canceled', 'skipped');

/** A known status that is not an end state: the job may still run, or be run (manual, scheduled). */
export function isUnfinishedStatus(status: Status): boolean {
  return status != null && isKnownStatus(status) && !isFinishedStatus(status);
}

/** Waiting to start by itself: created, or queued for a resource or a runner. */
export const isQueuedStatus = statusSet('created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending');

/** Not started, and so without a log: queued, or waiting for a person or a time (manual, scheduled). */
export function isNotStartedStatus(status: Status): boolean {
  return isQueuedStatus(status) || status === 'manual' || status === 'scheduled';
}

/** Counted in GitLab's `queued_duration` while it lasts: from pending until a runner starts it. */
export const isQueueTimeStatus = statusSet('pending', 'waiting_for_resource', 'preparing', 'waiting_for_callback');

/** A runner is on it: running, or running its cancellation. */
export const isRunningStatus = statusSet('running', 'canceling');

/** Ci::HasStatus::PASSED_WITH_WARNINGS_STATUSES: what an allowed failure turns into a warning. */
export const isPassedWithWarningsStatus = statusSet('failed', 'canceled');

/** Ci::HasStatus::IGNORED_STATUSES: left out of a group's status when allowed to fail. */
export const isIgnoredStatus = statusSet('manual');

// What can be done with a job (REST has no playable/retryable/cancelable flags: FACTS.md).
const isCancelableStatus = statusSet('created', 'waiting_for_resource', 'preparing', 'pending', 'running');
const isRetryableStatus = statusSet('success', 'failed', 'canceled');
const isPlayableStatus = statusSet('manual', 'scheduled');

export function canCancel(job: Pick<Job, 'status'>): boolean {
  return isCancelableStatus(job.status);
}
export function canRetry(job: Pick<Job, 'status' | 'archived'>): boolean {
  return isRetryableStatus(job.status) && job.archived !== true;
}
/**
 * Manual or scheduled jobs can be run; a finished job that was manual can be run again, but
 * REST does not say which finished jobs were manual, so only the current status counts here.
 */
export function canPlay(job: Pick<Job, 'status'>): boolean {
  return isPlayableStatus(job.status);
}
export function hasArtifacts(job: Pick<Job, 'artifacts_file' | 'artifacts'>): boolean {
  if (job.artifacts_file) return true;
  return (job.artifacts ?? []).some((a) => a.file_type === 'archive');
}
/**
 * An archive one can open now: listed, not erased, and not past `artifacts_expire_at` (GitLab
 * may keep listing an archive for a while after it expired; it is gone all the same).
 */
export function hasBrowsableArchive(job: Pick<Job, 'artifacts_file' | 'artifacts' | 'erased_at' | 'artifacts_expire_at'>, now: number = Date.now()): boolean {
  if (job.erased_at || !hasArtifacts(job)) return false;
  const at = job.artifacts_expire_at ? Date.parse(job.artifacts_expire_at) : Number.NaN;
  return Number.isNaN(at) || at > now;
}
/** Finished, not yet erased, and something (a log or artifacts) to erase. */
export function canErase(job: Pick<Job, 'status' | 'erased_at' | 'artifacts_file' | 'artifacts'>): boolean {
  if (!isFinishedStatus(job.status) || job.erased_at) return false;
  // Older GitLab sends no `artifacts` list at all: then we cannot know about the log; assume one.
  if (job.artifacts == null) return true;
  return job.artifacts.length > 0 || hasArtifacts(job);
}
/** "failed (allowed to fail)" is a warning, not a failure. */
export function isAllowedFailure(job: Pick<Job, 'status' | 'allow_failure'>): boolean {
  return job.status === 'failed' && job.allow_failure === true;
}
