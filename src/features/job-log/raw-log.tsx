import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { jobTraceQueryOptions, useProjectScope } from '../../gitlab/index.ts';
import { EmptyState, ErrorState, LoadingState, TimeAgo, saveBlobAs } from '../../ui/index.ts';
import { plainLogText } from './model/plain-text.ts';
import { StaticLog } from './static-log.tsx';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface RawLogProps {
  jobId: number;
}

/**
 * GitLab's `/-/jobs/:id/raw`: the whole log as plain text (no colours, no sections), as it was
 * when the page opened; Reload asks again. The text still goes through the log viewer, so a log
 * of any size scrolls, searches and stays escaped.
 */
export function RawLog({ jobId }: RawLogProps) {
  const { connection, projectId } = useProjectScope();
  const query = useQuery(jobTraceQueryOptions(connection, projectId, jobId));
  const text = useMemo(() => (query.data === undefined ? null : plainLogText(query.data)), [query.data]);
  if (query.isPending) return <LoadingState label={`Loading the log of job #${jobId}`} />;
  if (query.isError && text === null) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const reload = (
    <button type="button" className="button" disabled={query.isFetching} onClick={() => void query.refetch()}>
      {query.isFetching ? 'Reloading…' : 'Reload'}
    </button>
  );
  const download = (
    <button type="button" className="button" disabled={!query.data} onClick={() => query.data !== undefined && saveBlobAs(new Blob([query.data], { type: 'text/plain' }), `job-${jobId}.log`)}>
      Download raw log
    </button>
  );
  return (
    <section className="raw-log" aria-label={`Raw log of job #${jobId}`}>
      <div className="raw-log__bar">
        <span className="muted">
          As of <TimeAgo value={new Date(query.dataUpdatedAt).toISOString()} />
        </span>
        {reload}
        {download}
      </div>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {text === '' ? (
        <EmptyState title="The log is empty">
          <p>GitLab has no log text for this job (it has not started, or its log was erased).</p>
        </EmptyState>
      ) : text !== null ? (
        <StaticLog text={text} label={`Log of job #${jobId}, plain text`} height="75vh" />
      ) : null}
    </section>
  );
}
