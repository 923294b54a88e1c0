import { MutationObserver, useQueryClient, type MutationObserverOptions, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import {
  cancelJobMutationOptions,
  deleteArtifactsMutationOptions,
  eraseJobMutationOptions,
  gitlabKeys,
  keepArtifactsMutationOptions,
  playJobMutationOptions,
  retryJobMutationOptions,
  type Connection,
  type Job,
  type JobVariable,
} from '../../gitlab/index.ts';
import { useJobActionInFlight } from './job-actions-in-flight.ts';
import { useMountedRef } from './use-mounted-ref.ts';
import type { ActionableJob, JobActionName } from './model/availability.ts';

export interface JobActionRunner {
  /**
   * Runs one action and resolves with GitLab's job (undefined for delete) once every view that
   * shows the job has refetched. Rejects with the GitLabError; a call while one is in flight
   * for this job resolves to `null` and sends nothing.
   */
  run(name: JobActionName, variables?: readonly JobVariable[]): Promise<Job | undefined | null>;
  /** The action in flight on this job (anywhere on the page; else the one this component started), if any. */
  pending: JobActionName | null;
  /** An action on this job is in flight anywhere on the page (the list, the page, the graph, the bulk bar). */
  busy: boolean;
}

function buildActionOptions(connection: Connection, projectId: number) {
  return {
    cancel: cancelJobMutationOptions(connection, projectId),
    retry: retryJobMutationOptions(connection, projectId),
    erase: eraseJobMutationOptions(connection, projectId),
    play: playJobMutationOptions(connection, projectId),
    keep: keepArtifactsMutationOptions(connection, projectId),
    remove: deleteArtifactsMutationOptions(connection, projectId),
    /** The prefix of every job action's mutation key, for `useJobActionInFlight`. */
    inFlight: gitlabKeys.jobActions(connection),
  };
}

// Every key normalises the host with a URL parse; a job list draws a row's actions each time it
// scrolls into view, so the options are built once per connection and project, not per row.
const actionOptionsCache = new WeakMap<Connection, Map<number, ReturnType<typeof buildActionOptions>>>();
function actionOptionsFor(connection: Connection, projectId: number): ReturnType<typeof buildActionOptions> {
  let byProject = actionOptionsCache.get(connection);
  if (!byProject) {
    byProject = new Map();
    actionOptionsCache.set(connection, byProject);
  }
  let options = byProject.get(projectId);
  if (!options) {
    options = buildActionOptions(connection, projectId);
    byProject.set(projectId, options);
  }
  return options;
}

/**
 * Runs one job's actions. Mounting it costs a map look-up and a `useMutationState` (one
 * MutationCache listener, a filter over the few mutations there): no MutationObserver exists
 * until an action actually runs (a job list mounts and unmounts rows
 * every frame while scrolling). `run` then builds an observer from the gitlab/ factory (which
 * awaits its invalidation) and lets it go when the mutation settles, even after an unmount.
 */
export function useJobActionRunner(connection: Connection, projectId: number, job: ActionableJob): JobActionRunner {
  const client = useQueryClient();
  const options = actionOptionsFor(connection, projectId);
  const jobId = job.id;
  const pipelineId = job.pipeline?.id;
  // From the MutationCache: also what another view, the bulk bar, or this row before it scrolled away started.
  const inFlightOnPage = useJobActionInFlight(options.inFlight, jobId);
  const [started, setStarted] = useState<JobActionName | null>(null);
  const inFlight = useRef(false);
  const mounted = useMountedRef();

  const run = useCallback<JobActionRunner['run']>(
    async (name, variables) => {
      // A second click before React re-renders with the pending action must not send a second request.
      if (inFlight.current) return null;
      inFlight.current = true;
      if (mounted.current) setStarted(name);
      const vars = pipelineId === undefined ? { jobId } : { jobId, pipelineId };
      try {
        switch (name) {
          case 'cancel':
            return await runOnce(client, options.cancel, vars);
          case 'retry':
            return await runOnce(client, options.retry, vars);
          case 'erase':
            return await runOnce(client, options.erase, vars);
          case 'play':
            return await runOnce(client, options.play, variables ? { ...vars, variables } : vars);
          case 'keep-artifacts':
            return await runOnce(client, options.keep, vars);
          case 'delete-artifacts':
            await runOnce(client, options.remove, vars);
            return undefined;
        }
      } finally {
        inFlight.current = false;
        if (mounted.current) setStarted(null);
      }
    },
    [client, options, jobId, pipelineId, mounted],
  );

  const pending = inFlightOnPage ?? started;
  return { run, pending, busy: pending !== null };
}

/**
 * One mutation through a short-lived observer. Nobody subscribes to it (`useMutationState`
 * reports the state); `reset` detaches it once settled so the cache can collect the mutation after gcTime.
 */
async function runOnce<TData, TError, TVariables, TOnMutateResult>(
  client: QueryClient,
  options: MutationObserverOptions<TData, TError, TVariables, TOnMutateResult>,
  variables: TVariables,
): Promise<TData> {
  const observer = new MutationObserver(client, options);
  try {
    return await observer.mutate(variables);
  } finally {
    observer.reset();
  }
}
