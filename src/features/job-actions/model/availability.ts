/**
 * Which actions a job offers and whether they can be used now. REST sends no
 * playable/retryable/cancelable flags (FACTS.md), so they are derived from the status; GitLab
 * stays the judge and may still refuse (protected refs, roles), which the UI then shows.
 */
import { canCancel, canErase, canPlay, canRetry, hasArtifacts, unavailableReason, type Bridge, type GitLabCapability, type GitLabFeatures, type Job } from '../../../gitlab/index.ts';

export type JobActionName = 'cancel' | 'retry' | 'play' | 'erase' | 'keep-artifacts' | 'delete-artifacts';

/** `unknown`: GitLab could not say what the token may do (before 15.5): try, and show GitLab's answer. */
export type WriteAccess = boolean | 'unknown';

export interface AvailableAction {
  name: JobActionName;
  /** False when the action is shown but cannot be used (read-only mode, a read-only token). */
  enabled: boolean;
  /** Why it is disabled, for the hover text and screen readers. */
  reason?: string;
}

export const READ_ONLY_REASON = 'Read-only mode: this dashboard is set up not to act on jobs.';
export const READ_TOKEN_REASON = 'This token can only read (read_api scope); acting on jobs needs a token with the api scope.';

export type ActionableJob = Job | Bridge;

/** GitLab always sends `downstream_pipeline` (null until created) on trigger jobs, never on jobs. */
export function isBridge(job: ActionableJob): job is Bridge {
  return 'downstream_pipeline' in job;
}

function artifactsExpireLater(job: ActionableJob, now: number): boolean {
  if (!('artifacts_expire_at' in job) || !job.artifacts_expire_at) return false;
  const at = Date.parse(job.artifacts_expire_at);
  return Number.isNaN(at) || at > now;
}

/** The actions the job's status allows, in the order they are shown. */
export function allowedActions(job: ActionableJob, now = Date.now()): JobActionName[] {
  const out: JobActionName[] = [];
  if (canPlay(job)) out.push('play');
  if (isBridge(job)) {
    // GitLab answers 404 to cancel and erase on a bridge id; retry and play work on both.
    if (canRetry(job)) out.push('retry');
    return out;
  }
  if (canCancel(job)) out.push('cancel');
  if (canRetry(job)) out.push('retry');
  if (canErase(job)) out.push('erase');
  if (hasArtifacts(job)) {
    // Keeping artifacts that are already kept (no expiry) changes nothing.
    if (artifactsExpireLater(job, now)) out.push('keep-artifacts');
    out.push('delete-artifacts');
  }
  return out;
}

/** Why acting is impossible for everyone on this screen, or undefined when it may be tried. */
export function writeBlockedReason(readOnly: boolean, canWrite: WriteAccess): string | undefined {
  if (readOnly) return READ_ONLY_REASON;
  if (canWrite === false) return READ_TOKEN_REASON;
  return undefined;
}

/** The capability an action needs on this job, when it needs one (the table in gitlab/api/version.ts). */
function neededCapability(name: JobActionName, job: ActionableJob): GitLabCapability | null {
  if (name === 'retry' && isBridge(job)) return 'retryBridges';
  if (name === 'delete-artifacts') return 'deleteArtifacts';
  return null;
}

/**
 * The actions shown for a job, each enabled or disabled with its reason: read-only mode, a
 * read-only token, or a host too old for it ("Retrying a trigger job needs GitLab 17.0 or later.").
 */
export function availableActions(
  job: ActionableJob,
  access: { readOnly: boolean; canWrite: WriteAccess },
  only?: readonly JobActionName[],
  now = Date.now(),
  features: GitLabFeatures | null = null,
): AvailableAction[] {
  const blocked = writeBlockedReason(access.readOnly, access.canWrite);
  return allowedActions(job, now)
    .filter((name) => !only || only.includes(name))
    .map((name) => {
      const capability = neededCapability(name, job);
      const reason = blocked ?? (capability ? unavailableReason(features, capability) : undefined);
      return reason ? { name, enabled: false, reason } : { name, enabled: true };
    });
}

/** Retrying a trigger job starts a whole new downstream pipeline; erasing and deleting cannot be undone. */
export function needsConfirmation(name: JobActionName, job: ActionableJob): boolean {
  if (name === 'erase' || name === 'delete-artifacts') return true;
  return name === 'retry' && isBridge(job);
}

export const ACTION_LABELS: Record<JobActionName, string> = {
  cancel: 'Cancel',
  retry: 'Retry',
  play: 'Run',
  erase: 'Erase',
  'keep-artifacts': 'Keep artifacts',
  'delete-artifacts': 'Delete artifacts',
};
