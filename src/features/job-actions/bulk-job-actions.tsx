import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { gitlabKeys, invalidateAfterJobAction, useProjectScope } from '../../gitlab/index.ts';
import { useToast } from '../../ui/index.ts';
import type { BulkJobActionVariables } from './job-actions-in-flight.ts';
import { writeBlockedReason, type ActionableJob } from './model/availability.ts';
import { bulkSummary, bulkTargets, runBulk, type BulkAction, type BulkResult } from './model/bulk.ts';
import { useJobLink } from './use-job-link.ts';
import './job-actions.css';

/** The project and whether acting is allowed come from the screen's `ProjectScope`. */
export interface BulkJobActionsProps {
  /** The selected jobs. */
  jobs: readonly ActionableJob[];
  /** After every job was tried and the views refreshed (e.g. to clear the selection). */
  onDone?(action: BulkAction, results: readonly BulkResult[]): void;
}

/** "Retry the selected failed jobs" and "Cancel the selected running ones", with a result per job. */
export function BulkJobActions({ jobs, onDone }: BulkJobActionsProps) {
  const { connection, projectId, projectPath, readOnly, canWrite } = useProjectScope();
  const toast = useToast();
  const links = useJobLink(projectPath);
  const [last, setLast] = useState<{ action: BulkAction; results: readonly BulkResult[] } | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation({
    // Under the host's job-actions key: every target reads as busy (useJobActionInFlight), so a row's own buttons wait for the batch.
    mutationKey: gitlabKeys.bulkJobAction(connection),
    mutationFn: ({ action, targets }: BulkJobActionVariables) => runBulk(connection, projectId, action, targets),
    onSuccess: async (results, { targets }, _onMutateResult, context) => {
      // Each job's views, its new job and its pipeline; awaited, so "done" means refreshed.
      await Promise.all(
        results.map((r, i) => {
          const pipelineId = targets[i]?.pipeline?.id;
          return invalidateAfterJobAction(context.client, connection, projectId, pipelineId === undefined ? { jobId: r.job.id } : { jobId: r.job.id, pipelineId }, r.result);
        }),
      );
    },
  });

  const retryable = bulkTargets('retry', jobs);
  const cancelable = bulkTargets('cancel', jobs);
  const blocked = writeBlockedReason(readOnly, canWrite);
  const busy = mutation.isPending;

  const start = (action: BulkAction, targets: readonly ActionableJob[]) => {
    if (inFlight.current || blocked || targets.length === 0) return;
    inFlight.current = true;
    setLast(null);
    mutation
      .mutateAsync({ action, targets })
      .then((results) => {
        setLast({ action, results });
        const refused = results.some((r) => !r.ok && !r.unknown);
        const unknown = results.some((r) => r.unknown);
        toast.show(bulkSummary(action, results), { tone: refused ? 'danger' : unknown ? 'info' : 'success' });
        onDone?.(action, results);
      })
      .catch((e: unknown) => toast.show(String(e), { tone: 'danger' }))
      .finally(() => {
        inFlight.current = false;
      });
  };

  const button = (action: BulkAction, targets: readonly ActionableJob[], label: string) => {
    const working = busy && mutation.variables?.action === action;
    const disabled = Boolean(blocked) || busy;
    return (
      <button
        type="button"
        className="button button--small"
        aria-disabled={disabled || undefined}
        aria-busy={working || undefined}
        title={blocked ?? (busy ? 'Working on the selected jobs…' : undefined)}
        onClick={() => start(action, targets)}
      >
        {working ? `${label}…` : label}
      </button>
    );
  };

  return (
    <div className="bulk-job-actions" role="group" aria-label="Actions on the selected jobs">
      {retryable.length > 0 ? button('retry', retryable, `Retry ${retryable.length} failed`) : null}
      {cancelable.length > 0 ? button('cancel', cancelable, `Cancel ${cancelable.length} running`) : null}
      {jobs.length > 0 && retryable.length === 0 && cancelable.length === 0 ? <span className="muted">None of the selected jobs can be retried or canceled.</span> : null}
      {last ? (
        <ul className="bulk-job-actions__results" aria-label={bulkSummary(last.action, last.results)}>
          {last.results.map((r) => {
            const link = r.newJobId !== undefined ? links.toJob(r.newJobId) : undefined;
            return (
              <li key={r.job.id} className={r.ok ? undefined : 'bulk-job-actions__result--failed'}>
                {r.message}
                {link ? (
                  <>
                    {' '}
                    <a href={link.href} onClick={link.onClick}>
                      {link.label}
                    </a>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
