import { useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { gitlabKeys, isActiveStatus, jobScopeReason, versionQueryOptions, type Job, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { ConnectionStatus, EmptyState, ErrorState, LoadingState, statusLook, useRouteLinks, countOf } from '../../ui/index.ts';
import { ColumnMenu } from './column-menu.tsx';
import { defaultColumnPrefs, loadColumnPrefs, saveColumnPrefs, type ColumnPrefs } from './column-prefs.ts';
import { JobCellEnvContext, type JobCellEnv } from './job-cells.tsx';
import { filterLoadedJobs, hasLocalFilters, NO_FILTERS, readJobListFilters, writeJobListFilters, type JobListFilters } from './job-list-filters.ts';
import { JobListToolbar } from './job-list-toolbar.tsx';
import { JobTable } from './job-table.tsx';
import { useJobList } from './use-job-list.ts';
import { describeError } from '../../gitlab/index.ts';
import { browserStorage, type KeyValueStorage } from '../../config/index.ts';
import './jobs.css';

let columnStorage: KeyValueStorage | undefined;
const defaultStorage = (): KeyValueStorage => (columnStorage ??= browserStorage('local'));


/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface JobListProps {
  /** Refresh intervals (config.json's `refresh`); the loader must pass the same. */
  poll: PollIntervals;
  /** The actions cell of a row (the job-actions feature fills it). */
  renderActions?: (job: Job) => ReactNode;
  /** A toolbar over the selected rows; row checkboxes appear when this is given. */
  renderBulkActions?: (selected: Job[]) => ReactNode;
  /** Where the column choice is kept (default: localStorage, or memory where it is blocked or embedded). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Every job of a project, newest first, live, filterable, with columns of the reader's choosing. */
export function JobList({ poll, renderActions, renderBulkActions, storage = defaultStorage() }: JobListProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readJobListFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: JobListFilters, options: { replace?: boolean } = {}) => setSearchParams((prev) => writeJobListFilters(next, prev), { replace: options.replace ?? false }),
    [setSearchParams],
  );

  const [prefs, setPrefs] = useState<ColumnPrefs>(() => loadColumnPrefs(storage));
  const changePrefs = (next: ColumnPrefs) => {
    setPrefs(next);
    saveColumnPrefs(storage, next);
  };
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  // A status the host cannot filter by (`scope=manual` before GitLab 12) is left out of the
  // request, which GitLab would refuse whole, and said beside the list.
  const version = useQuery(versionQueryOptions(connection));
  const scopeReason = useCallback((status: string) => jobScopeReason(version.data, status), [version.data]);
  const unsupported = filters.scope.filter((s) => scopeReason(s) !== undefined);
  const requestScope = useMemo(() => filters.scope.filter((s) => scopeReason(s) === undefined), [filters.scope, scopeReason]);
  const list = useJobList(connection, projectId, requestScope, poll);
  const { head, pages } = list;
  const shown = useMemo(() => filterLoadedJobs(list.jobs, filters), [list.jobs, filters]);
  const selected = useMemo(() => shown.filter((j) => rowSelection[String(j.id)]), [shown, rowSelection]);
  const fetchedAt = Math.max(head.dataUpdatedAt, pages.dataUpdatedAt);
  const links = useRouteLinks();
  const cellEnv = useMemo<JobCellEnv>(
    () => ({ connection, projectId, projectPath, fetchedAt, href: links.href, renderActions }),
    [connection, projectId, projectPath, fetchedAt, links.href, renderActions],
  );

  const { loadMore, hasMore } = list;
  const loadingMore = pages.isFetchingNextPage;
  const moreFailed = pages.isFetchNextPageError;
  const handleNearEnd = useCallback(() => {
    if (hasMore && !loadingMore && !moreFailed) void loadMore();
  }, [hasMore, loadingMore, moreFailed, loadMore]);

  const retry = () => void head.refetch();
  const toolbar = <JobListToolbar filters={filters} onChange={setFilters} scopeReason={scopeReason} />;

  if (list.isInitialLoading) {
    return (
      <div className="job-list">
        {toolbar}
        <LoadingState label="Loading jobs" rows={8} />
      </div>
    );
  }
  if (list.jobs.length === 0 && head.isError) {
    return (
      <div className="job-list">
        {toolbar}
        <ErrorState error={head.error} onRetry={retry} />
      </div>
    );
  }

  const local = hasLocalFilters(filters);
  const active = list.jobs.some((j) => isActiveStatus(j.status));
  let body: ReactNode;
  const unsupportedNote =
    unsupported.length > 0 ? (
      <p className="job-list__scope-note" role="note">
        This GitLab cannot filter jobs by {unsupported.map((s) => statusLook(s).label).join(', ')} ({scopeReason(unsupported[0] ?? '')})
        {requestScope.length > 0 ? ': the list shows the other chosen statuses.' : '.'}
      </p>
    ) : null;
  if (unsupported.length > 0 && requestScope.length === 0) {
    body = (
      <EmptyState
        title="This GitLab cannot filter by that status"
        action={
          <button type="button" className="button" onClick={() => setFilters({ ...filters, scope: [] })}>
            Show every status
          </button>
        }
      >
        {unsupportedNote}
      </EmptyState>
    );
  } else if (list.jobs.length === 0 && filters.scope.length === 0) {
    body = (
      <EmptyState title="No jobs yet">
        <p>This project has not run any CI job, or its pipelines are not visible to this token.</p>
      </EmptyState>
    );
  } else if (list.jobs.length === 0) {
    body = (
      <EmptyState
        title="No jobs with this status"
        action={
          <button type="button" className="button" onClick={() => setFilters({ ...filters, scope: [] })}>
            Show every status
          </button>
        }
      >
        <p>GitLab has no job of this project with the chosen status.</p>
      </EmptyState>
    );
  } else if (shown.length === 0) {
    body = (
      <EmptyState
        title="Nothing matches the filter"
        action={
          <button type="button" className="button" onClick={() => setFilters({ ...filters, ...NO_FILTERS, scope: filters.scope }, { replace: true })}>
            Clear name, stage and ref
          </button>
        }
      >
        <p>
          {list.jobs.length === 1 ? 'The one job loaded so far does not match.' : `None of the ${countOf(list.jobs.length, 'job')} loaded so far matches.`}{hasMore ? ' Load more jobs to look further back.' : ''}
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <JobTable
        // Another scope is another list: start it at the top.
        key={requestScope.join(',')}
        jobs={shown}
        caption={`Latest jobs of ${projectPath}`}
        projectPath={projectPath}
        prefs={prefs}
        withActions={Boolean(renderActions)}
        selectable={Boolean(renderBulkActions)}
        rowSelection={rowSelection}
        onRowSelectionChange={setRowSelection}
        onNearEnd={handleNearEnd}
        onLinkClick={links.onClick}
      />
    );
  }

  return (
    <JobCellEnvContext value={cellEnv}>
      <div className="job-list">
        <div className="job-list__bar">
          {toolbar}
          <ColumnMenu prefs={prefs} withActions={Boolean(renderActions)} onChange={changePrefs} onReset={() => changePrefs(defaultColumnPrefs())} />
        </div>
        {/* Fresh ("Updated … ago"), stale, rate limited, unreachable or token expired: the same words on every page. */}
        <ConnectionStatus queryKey={gitlabKeys.host(connection)} live={active ? 'refreshing by itself while jobs are queued or running' : undefined} />
        {requestScope.length > 0 ? unsupportedNote : null}
        {local ? (
          <p className="job-list__scope-note" role="note">
            Name, stage and ref filter the <strong>{countOf(list.jobs.length, 'job')} loaded so far</strong>, not every job in GitLab:{' '}
            {shown.length.toLocaleString('en')} match.
          </p>
        ) : null}
        {renderBulkActions && selected.length > 0 ? (
          <div className="job-list__bulk" role="toolbar" aria-label="Selected jobs">
            <span>{selected.length} selected</span>
            {renderBulkActions(selected)}
            <button type="button" className="button button--ghost" onClick={() => setRowSelection({})}>
              Clear selection
            </button>
          </div>
        ) : null}
        {body}
        <div className="job-list__footer">
          <p className="muted">
            {countOf(list.jobs.length, 'job')} loaded{hasMore ? '' : ' (all of them)'}
          </p>
          {moreFailed ? (
            <p className="tone-danger" role="alert">
              Could not load more jobs: {describeError(pages.error).title}.
            </p>
          ) : null}
          {hasMore ? (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? 'Loading more jobs…' : moreFailed ? 'Try loading more again' : 'Load more jobs'}
            </button>
          ) : null}
        </div>
      </div>
    </JobCellEnvContext>
  );
}
