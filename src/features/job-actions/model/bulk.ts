/**
 * Bulk actions on the job list: which selected jobs each applies to, and running them one
 * after another with a result per job (one refusal does not stop the rest).
 */
import { canCancel, canRetry, cancelJob, retryJob, type Connection, type Job } from '../../../gitlab/index.ts';
import { isBridge, type ActionableJob } from './availability.ts';
import { failureMessage, successOutcome } from './outcome.ts';

export type BulkAction = 'retry' | 'cancel';

export interface BulkResult {
  job: Pick<ActionableJob, 'id' | 'name'>;
  ok: boolean;
  message: string;
  /** GitLab's answer, when it answered with a job. */
  result?: Job;
  newJobId?: number;
}

/** Retry applies to failed jobs; cancel to queued or running ones (not bridges: GitLab answers 404). */
export function bulkTargets(action: BulkAction, jobs: readonly ActionableJob[]): ActionableJob[] {
  if (action === 'retry') return jobs.filter((j) => j.status === 'failed' && canRetry(j));
  return jobs.filter((j) => canCancel(j) && !isBridge(j));
}

/** Runs the action on each job in turn; never rejects. `signal` stops before the next job. */
export async function runBulk(conn: Connection, projectId: number, action: BulkAction, jobs: readonly ActionableJob[], signal?: AbortSignal): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const job of jobs) {
    if (signal?.aborted) break;
    try {
      const result = action === 'retry' ? await retryJob(conn, projectId, job.id, signal) : await cancelJob(conn, projectId, job.id, signal);
      const outcome = successOutcome(action, job, result);
      results.push({
        job: { id: job.id, name: job.name },
        ok: outcome.tone !== 'danger',
        message: outcome.message,
        result,
        ...(outcome.newJobId !== undefined ? { newJobId: outcome.newJobId } : {}),
      });
    } catch (e) {
      results.push({ job: { id: job.id, name: job.name }, ok: false, message: failureMessage(action, job, e) });
    }
  }
  return results;
}

export function bulkSummary(action: BulkAction, results: readonly BulkResult[]): string {
  const done = results.filter((r) => r.ok).length;
  const verb = action === 'retry' ? 'Retried' : 'Canceled';
  const failed = results.length - done;
  return `${verb} ${done} of ${results.length} job${results.length === 1 ? '' : 's'}${failed > 0 ? `; ${failed} refused` : ''}.`;
}
