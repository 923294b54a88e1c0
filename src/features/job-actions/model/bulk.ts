/**
 * Bulk actions on the job list: which selected jobs each applies to, and running them one
 * after another with a result per job (one refusal does not stop the rest).
 */
import { canCancel, canRetry, cancelJob, isLostAnswer, retryJob, writeOrCheck, type Connection, type Job } from '../../../gitlab/index.ts';
import { isBridge, type ActionableJob } from './availability.ts';
import { failureMessage, lostAnswerOutcome, successOutcome } from './outcome.ts';

export type BulkAction = 'retry' | 'cancel';

export interface BulkResult {
  job: Pick<ActionableJob, 'id' | 'name'>;
  ok: boolean;
  message: string;
  /** GitLab's answer, when it answered with a job. */
  result?: Job;
  newJobId?: number;
  /** GitLab's answer was lost and asking again could not tell whether it happened. */
  unknown?: boolean;
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
      const vars = job.pipeline?.id === undefined ? { jobId: job.id } : { jobId: job.id, pipelineId: job.pipeline.id };
      const result = await writeOrCheck(conn, projectId, action, vars, () => (action === 'retry' ? retryJob(conn, projectId, job.id, signal) : cancelJob(conn, projectId, job.id, signal)));
      const outcome = successOutcome(action, job, result);
      results.push({
        job: { id: job.id, name: job.name },
        ok: outcome.tone !== 'danger',
        message: outcome.message,
        result,
        ...(outcome.newJobId !== undefined ? { newJobId: outcome.newJobId } : {}),
      });
    } catch (e) {
      if (isLostAnswer(e)) {
        const outcome = lostAnswerOutcome(action, job, e);
        results.push({
          job: { id: job.id, name: job.name },
          ok: outcome.happened === true,
          message: outcome.message,
          ...(outcome.happened === 'unknown' ? { unknown: true } : {}),
          ...(outcome.newJobId !== undefined ? { newJobId: outcome.newJobId } : {}),
        });
        continue;
      }
      results.push({ job: { id: job.id, name: job.name }, ok: false, message: failureMessage(action, job, e) });
    }
  }
  return results;
}

export function bulkSummary(action: BulkAction, results: readonly BulkResult[]): string {
  const done = results.filter((r) => r.ok).length;
  const verb = action === 'retry' ? 'Retried' : 'Canceled';
  const unknown = results.filter((r) => r.unknown).length;
  const failed = results.length - done - unknown;
  return `${verb} ${done} of ${results.length} job${results.length === 1 ? '' : 's'}${failed > 0 ? `; ${failed} refused` : ''}${unknown > 0 ? `; ${unknown} unknown (GitLab's answer was lost: look before trying again)` : ''}.`;
}
