/**
 * What the person is told after an action: pure, so every wording is tested once and the
 * components only show it.
 */
import { describeError, isFinishedStatus, type Job } from '../../../gitlab/index.ts';
import { ACTION_LABELS, type ActionableJob, type JobActionName } from './availability.ts';

export interface Outcome {
  tone: 'success' | 'info' | 'danger';
  message: string;
  /** A different job the action led to (the retry, a manual job run again). */
  newJobId?: number;
}


/** The words for a successful answer. `result` is GitLab's job (none for a delete: 204). */
export function successOutcome(name: JobActionName, job: ActionableJob, result: Job | undefined): Outcome {
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
