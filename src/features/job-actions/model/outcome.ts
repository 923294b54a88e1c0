/**
 * What the person is told after an action: pure, so every wording is tested once and the
 * components only show it.
 */
import { describeError, hasArtifacts, isFinishedStatus, isLostAnswer, type AfterLostAnswer, type Job } from '../../../gitlab/index.ts';
import { ACTION_LABELS, type ActionableJob, type JobActionName } from './availability.ts';

export interface Outcome {
  tone: 'success' | 'info' | 'danger';
  message: string;
  /** A different job the action led to (the retry, a manual job run again). */
  newJobId?: number;
}


/** The words for a successful answer. `result` is GitLab's job (none for a delete: 204). */
export function successOutcome(name: JobActionName, job: ActionableJob, result: Pick<Job, 'id' | 'status'> | undefined): Outcome {
  const label = `${job.name} (#${job.id})`;
  switch (name) {
    case 'cancel': {
      const status = result?.status;
      if (status === 'canceling' || status === 'canceled') {
        return { tone: 'success', message: status === 'canceling' ? `Canceling ${label}.` : `Canceled ${label}.` };
      }
      // GitLab answers 201 with the job unchanged when it can no longer be canceled.
      if (status && isFinishedStatus(status)) return { tone: 'info', message: `${label} had already finished (${status}); there was nothing to cancel.` };
      return { tone: 'info', message: `GitLab did not cancel ${label}; it is ${status ?? 'in an unknown state'}.` };
    }
    case 'retry':
      return result && result.id !== job.id
        ? { tone: 'success', message: `Retried ${job.name}: new job #${result.id}.`, newJobId: result.id }
        : { tone: 'success', message: `Retried ${label}.` };
    case 'play':
      if (result && result.id !== job.id) return { tone: 'success', message: `Started ${job.name} again as job #${result.id}.`, newJobId: result.id };
      return { tone: 'success', message: `Started ${label}; it is ${result?.status ?? 'pending'}.` };
    case 'erase':
      return { tone: 'success', message: `Erased ${label}: its log and artifacts are gone.` };
    case 'keep-artifacts':
      return { tone: 'success', message: `The artifacts of ${label} will be kept.` };
    case 'delete-artifacts':
      return { tone: 'success', message: `Deleted the artifacts of ${label}.` };
  }
}

/** One line with GitLab's own message (403 protected branch, not retryable, 400 unplayable, 404…). */
export function failureMessage(name: JobActionName, job: Pick<ActionableJob, 'name' | 'id'>, error: unknown): string {
  const { title, detail } = describeError(error);
  return `${ACTION_LABELS[name]} ${job.name} (#${job.id}) failed — ${title}. ${detail}`;
}

export function failureOutcome(name: JobActionName, job: Pick<ActionableJob, 'name' | 'id'>, error: unknown): Outcome {
  return { tone: 'danger', message: failureMessage(name, job, error) };
}

/** Whether a lost answer's action happened, by what GitLab shows now (`after`) of the job it was asked for (`job`). */
export function didHappen(name: JobActionName, job: ActionableJob, after: AfterLostAnswer): boolean {
  const now = after.job;
  const newer = after.latest !== undefined && after.latest.id > job.id;
  switch (name) {
    case 'retry':
      return newer;
    case 'play':
      return newer || (now !== undefined && now.status !== 'manual' && now.status !== 'scheduled');
    case 'cancel':
      return now?.status === 'canceling' || now?.status === 'canceled';
    case 'erase':
      return Boolean(now?.erased_at);
    case 'keep-artifacts':
      return now !== undefined && 'artifacts_expire_at' in now && !now.artifacts_expire_at;
    case 'delete-artifacts':
      return now !== undefined && !('artifacts_file' in now && hasArtifacts(now));
  }
}

/** What a lost answer was, in a few words ("Blocked by the browser (CORS)", "GitLab is unreachable"). */
function lostWords(error: unknown): string {
  return describeError(isLostAnswer(error) ? error.cause : error).title;
}

/**
 * The words after an action whose answer was lost (the request may have reached GitLab): what
 * GitLab shows now when it could be asked again, else that nobody knows yet. Never "failed".
 * `happened` is true, false, or 'unknown'.
 */
export function lostAnswerOutcome(name: JobActionName, job: ActionableJob, error: unknown): Outcome & { happened: boolean | 'unknown' } {
  const label = `${ACTION_LABELS[name]} ${job.name} (#${job.id})`;
  const lost = `GitLab’s answer to ${label} was lost (${lostWords(error)})`;
  const after = isLostAnswer(error) ? error.after : undefined;
  if (!after) {
    const check = isLostAnswer(error) && error.checkError !== undefined ? ` and the job could not be read again (${describeError(error.checkError).title})` : '';
    return {
      tone: 'info',
      happened: 'unknown',
      message: `Outcome unknown: ${lost}${check}. It may have happened; look at the job before trying again.`,
    };
  }
  if (didHappen(name, job, after)) {
    const done = successOutcome(name, job, (name === 'retry' || name === 'play') && after.latest && after.latest.id > job.id ? after.latest : after.job);
    return { ...done, happened: true, message: `${lost}, but GitLab shows it happened. ${done.message}` };
  }
  const status = after.job ? `; ${job.name} is ${after.job.status}` : '';
  return { tone: 'info', happened: false, message: `${lost}; GitLab shows it did not happen${status}. You can try again.` };
}

/** An outcome to show where an error is expected (a dialog): its words are the message. */
export class OutcomeError extends Error {
  override readonly name = 'OutcomeError';
  constructor(readonly outcome: Outcome) {
    super(outcome.message);
  }
}

/** The words for any error of an action: a lost answer is reconciled, a refusal is GitLab's own message. */
export function errorOutcome(name: JobActionName, job: ActionableJob, error: unknown): Outcome {
  if (error instanceof OutcomeError) return error.outcome;
  return isLostAnswer(error) ? lostAnswerOutcome(name, job, error) : failureOutcome(name, job, error);
}

/** The title and words a dialog shows for an action's error. */
export function describeActionError(error: unknown): { title: string; detail: string } {
  if (error instanceof OutcomeError) return { title: error.outcome.tone === 'danger' ? 'Not done' : 'The answer was lost', detail: error.outcome.message };
  return describeError(error);
}
