/**
 * Which job action is in flight on a job, anywhere on the page: `useMutationState` over the
 * pending mutations under the host's `gitlabKeys.jobActions` prefix. Two kinds live there: one
 * job's action (`gitlabKeys.jobAction`, variables `{ jobId, pipelineId? }`, the action named in
 * the mutation's `meta`) and the bulk bar's batch (`gitlabKeys.bulkJobAction`, variables
 * `{ action, targets }`: every target is busy until the batch and its refetch are done).
 */
import { useMutationState, type Mutation } from '@tanstack/react-query';
import type { JobActionVariables } from '../../gitlab/index.ts';
import type { ActionableJob, JobActionName } from './model/availability.ts';
import type { BulkAction } from './model/bulk.ts';

/** The bulk bar's variables (its mutation key is `gitlabKeys.bulkJobAction`). */
export interface BulkJobActionVariables {
  action: BulkAction;
  targets: readonly ActionableJob[];
}

/** A mutation under `gitlabKeys.jobActions`: the factories' and the bulk bar's, by their key's contract. */
export type JobActionMutation = Mutation<unknown, Error, JobActionVariables | BulkJobActionVariables, unknown>;

/** The action this mutation runs on the job, or null when it does not touch the job. */
export function actionOnJob(mutation: JobActionMutation, jobId: number): JobActionName | null {
  const vars = mutation.state.variables;
  if (vars === undefined) return null;
  if ('targets' in vars) return vars.targets.some((t) => t.id === jobId) ? vars.action : null;
  return vars.jobId === jobId ? (mutation.options.meta?.jobAction ?? null) : null;
}

/**
 * The action in flight on this job (the oldest when several are), or null. `actionsKey` is
 * `gitlabKeys.jobActions(connection)`, built once per connection by the caller. The snapshot is
 * one entry per pending job action (null for another job's), structurally shared: a component
 * re-renders when a job action starts or ends, not on the other updates of the cache.
 */
export function useJobActionInFlight(actionsKey: readonly unknown[], jobId: number): JobActionName | null {
  const actions = useMutationState({
    filters: { mutationKey: actionsKey, status: 'pending' },
    select: (m: JobActionMutation) => actionOnJob(m, jobId),
  });
  return actions.find((a) => a !== null) ?? null;
}
