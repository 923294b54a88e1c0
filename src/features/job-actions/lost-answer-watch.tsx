import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { afterLostAnswerQueryOptions, type AfterLostAnswer, type Connection } from '../../gitlab/index.ts';
import type { ActionableJob, JobActionName } from './model/availability.ts';

export interface LostAnswerWatchProps {
  connection: Connection;
  projectId: number;
  job: ActionableJob;
  /** The action whose answer was lost. */
  name: JobActionName;
  /** Called once, when GitLab could be asked what the job and its pipeline now show. */
  onKnown(name: JobActionName, after: AfterLostAnswer): void;
}

/**
 * Mounted only while an action's outcome is unknown: asks GitLab again (by the fault policy's
 * backoff) until it answers, then hands over what it shows. Draws nothing.
 */
export function LostAnswerWatch({ connection, projectId, job, name, onKnown }: LostAnswerWatchProps) {
  const pipelineId = job.pipeline?.id;
  const vars = pipelineId === undefined ? { jobId: job.id } : { jobId: job.id, pipelineId };
  const { data } = useQuery(afterLostAnswerQueryOptions(connection, projectId, vars));
  const told = useRef(false);
  useEffect(() => {
    if (!data || told.current) return;
    told.current = true;
    onKnown(name, data);
  }, [data, name, onKnown]);
  return null;
}
