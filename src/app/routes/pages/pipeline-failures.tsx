import { FailuresDigest, type FailuresDigestProps } from '../../../features/failures/index.ts';
import { findFirstErrors } from '../../../features/job-log/index.ts';

/**
 * The pipeline page's Failures tab. A module of its own, loaded when the tab opens: its error
 * scan is the job log's model, which the graph tab does not need.
 */
export function PipelineFailures(props: Omit<FailuresDigestProps, 'findFirstErrors'>) {
  return <FailuresDigest {...props} findFirstErrors={findFirstErrors} />;
}
