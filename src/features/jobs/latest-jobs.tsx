import { useQuery } from '@tanstack/react-query';
import { isActiveStatus, type Connection, type PollIntervals } from '../../gitlab/index.ts';
import { EmptyState, ErrorState, LoadingState, StaleBanner, TimeAgo } from '../../ui/index.ts';
import { latestJobsQueryOptions } from './latest-jobs-query.ts';
import { LatestJobsTable } from './latest-jobs-table.tsx';
import './jobs.css';

export interface LatestJobsProps {
  connection: Connection;
  projectId: number;
  /** For the table caption: "acme/platform/backend". */
  projectLabel: string;
  /** Refresh intervals (config.json's `refresh`); the loader must pass the same. */
  poll?: PollIntervals;
}

/** A project's newest jobs, refreshing by itself while any of them is queued or running. */
export function LatestJobs({ connection, projectId, projectLabel, poll }: LatestJobsProps) {
  const query = useQuery(latestJobsQueryOptions(connection, projectId, poll));
  const retry = () => void query.refetch();

  if (query.isPending) return <LoadingState label="Loading jobs" />;
  if (query.isError && query.data === undefined) return <ErrorState error={query.error} onRetry={retry} />;

  const page = query.data;
  if (!page) return <LoadingState label="Loading jobs" />;
  const active = page.items.some((j) => isActiveStatus(j.status));
  return (
    <div className="latest-jobs">
      {query.isError ? <StaleBanner error={query.error} updatedAt={query.dataUpdatedAt} onRetry={retry} /> : null}
      {page.items.length === 0 ? (
        <EmptyState title="No jobs yet">
          <p>This project has not run any CI job, or its pipelines are not visible to this token.</p>
        </EmptyState>
      ) : (
        <LatestJobsTable jobs={page.items} fetchedAt={query.dataUpdatedAt} caption={`Latest jobs of ${projectLabel}`} />
      )}
      <p className="muted latest-jobs__freshness">
        Updated <TimeAgo value={new Date(query.dataUpdatedAt).toISOString()} />
        {active ? ' · refreshing by itself while jobs are queued or running' : ''}
      </p>
    </div>
  );
}
