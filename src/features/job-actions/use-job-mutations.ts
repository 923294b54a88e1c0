import { useIsMutating, useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
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
import type { ActionableJob, JobActionName } from './model/availability.ts';

export interface JobActionRunner {
  /**
   * Runs one action and resolves with GitLab's job (undefined for delete) once every view that
   * shows the job has refetched. Rejects with the GitLabError; a call while one is in flight
   * for this job resolves to `null` and sends nothing.
   */
  run(name: JobActionName, variables?: readonly JobVariable[]): Promise<Job | undefined | null>;
  /** The action in flight from this component, if any. */
  pending: JobActionName | null;
  /** An action on this job is in flight anywhere on the page (the list, the page, the graph). */
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
    prefix: gitlabKeys.host(connection),
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

/** One mutation per action (the gitlab/ factories, which await their invalidation), for one job. */
export function useJobActionRunner(connection: Connection, projectId: number, job: ActionableJob): JobActionRunner {
  const options = actionOptionsFor(connection, projectId);
  const cancel = useMutation(options.cancel);
  const retry = useMutation(options.retry);
  const erase = useMutation(options.erase);
  const play = useMutation(options.play);
  const keep = useMutation(options.keep);
  const remove = useMutation(options.remove);
  const inFlight = useRef(false);
  const actionPrefix = options.prefix;
  const busyCount = useIsMutating({
    predicate: (m) => {
      const key = m.options.mutationKey ?? [];
      const vars = m.state.variables as { jobId?: unknown } | undefined;
      return key[0] === actionPrefix[0] && key[1] === actionPrefix[1] && key[2] === 'action' && vars?.jobId === job.id;
    },
  });

  const pipelineId = job.pipeline?.id;
  const jobId = job.id;
  const { mutateAsync: cancelAsync } = cancel;
  const { mutateAsync: retryAsync } = retry;
  const { mutateAsync: eraseAsync } = erase;
  const { mutateAsync: playAsync } = play;
  const { mutateAsync: keepAsync } = keep;
  const { mutateAsync: removeAsync } = remove;
  const run = useCallback<JobActionRunner['run']>(
    async (name, variables) => {
      // A second click before React re-renders with isPending must not send a second request.
      if (inFlight.current) return null;
      inFlight.current = true;
      const vars = pipelineId === undefined ? { jobId } : { jobId, pipelineId };
      try {
        switch (name) {
          case 'cancel':
            return await cancelAsync(vars);
          case 'retry':
            return await retryAsync(vars);
          case 'erase':
            return await eraseAsync(vars);
          case 'play':
            return await playAsync(variables ? { ...vars, variables } : vars);
          case 'keep-artifacts':
            return await keepAsync(vars);
          case 'delete-artifacts':
            await removeAsync(vars);
            return undefined;
        }
      } finally {
        inFlight.current = false;
      }
    },
    [jobId, pipelineId, cancelAsync, retryAsync, eraseAsync, playAsync, keepAsync, removeAsync],
  );

  const pending: JobActionName | null = cancel.isPending
    ? 'cancel'
    : retry.isPending
      ? 'retry'
      : erase.isPending
        ? 'erase'
        : play.isPending
          ? 'play'
          : keep.isPending
            ? 'keep-artifacts'
            : remove.isPending
              ? 'delete-artifacts'
              : null;
  return { run, pending, busy: pending !== null || busyCount > 0 };
}
