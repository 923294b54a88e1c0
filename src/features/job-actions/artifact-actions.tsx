import { JobActions, type JobActionsProps } from './job-actions.tsx';

export type ArtifactActionsProps = Omit<JobActionsProps, 'actions' | 'onRetried'>;

const ARTIFACT_ACTIONS = ['keep-artifacts', 'delete-artifacts'] as const;

/** Keep and delete a job's artifacts (the artifact browser's slot). */
export function ArtifactActions({ layout = 'toolbar', ...props }: ArtifactActionsProps) {
  return <JobActions {...props} layout={layout} actions={ARTIFACT_ACTIONS} />;
}
