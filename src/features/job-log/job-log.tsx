import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useHref, useLocation, useNavigate } from 'react-router';
import { GitLabError, fetchJobTraceResponse, isActiveStatus, isNotStartedStatus, type Job, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { EmptyState, ErrorState, LoadingState, TimeAgo, saveBlobAs } from '../../ui/index.ts';
import { LivePaceNote } from './live-pace-note.tsx';
import { JobLogSource, logSyncQueryOptions } from './log-source.ts';
import { LogViewer, type LogSearch } from './log-viewer.tsx';
import { formatLineHash, parseLineHash, withoutLogSearch, type LineRange } from './permalink.ts';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface JobLogProps {
  /** The job as last fetched: its status decides whether the log is polled. */
  job: Job;
  /** Refresh intervals (config.json's `refresh`): the log is polled at `activeMs` while the job is active. */
  poll?: PollIntervals;
}

/** The URL's search: `?q=term&case=1&regex=1`. */
function searchFromParams(params: URLSearchParams): LogSearch {
  return { query: params.get('q') ?? '', caseSensitive: params.get('case') === '1', regex: params.get('regex') === '1' };
}

/** Why a job shows no log, in plain words. */
function NoLog({ job }: { job: Job }) {
  if (job.erased_at) {
    return (
      <EmptyState title="The log was erased">
        <p>
          This job’s log and artifacts were erased <TimeAgo value={job.erased_at} />.
        </p>
      </EmptyState>
    );
  }
  if (isNotStartedStatus(job.status)) {
    return (
      <EmptyState title="This job has not started yet">
        <p>Its log appears here as soon as a runner picks it up.</p>
      </EmptyState>
    );
  }
  if (isActiveStatus(job.status)) {
    return (
      <EmptyState title="Waiting for the log">
        <p>The job is running; the runner has not sent any output yet. This page checks again by itself.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="This job wrote no log">
      <p>GitLab has no output for this job (it may have been skipped or canceled before it ran).</p>
    </EmptyState>
  );
}

/**
 * A job's log: streamed into the index, then polled while the job is active. The selected lines
 * (`#L12`, `#L10-20`) and the search (`?q=`) live in the address, so both can be shared.
 */
export function JobLog({ job, poll }: JobLogProps) {
  const { connection, projectId } = useProjectScope();
  const jobId = job.id;
  // The head of the log is indexed here and shown at once; the worker starts as soon as the log
  // looks big (its announced length, or 250 KB of it), so that it moves there (past 1 MB)
  // without waiting for the worker to load, and a small log never loads the worker at all.
  const [source] = useState(() => new JobLogSource({ connection, project: projectId, jobId, client: { mode: 'auto', prewarm: true } }));
  useEffect(() => {
    source.start();
    return () => source.stop();
  }, [source]);
  const active = isActiveStatus(job.status);
  // Loads the log, then polls it while the job is active, by the fault policy of every query.
  const sync = useQuery(logSyncQueryOptions(source, { jobStatus: job.status, poll }));
  const { refetch } = sync;
  // The job just finished: one last load fetches the complete log, then polling ends.
  // (The previous status is kept in a ref the effect reads before it moves on: state set during
  // render would already equal `active` by the time the effect runs, and the load never came.)
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) void refetch();
    wasActive.current = active;
  }, [active, refetch]);
  const state = useSyncExternalStore(source.subscribe, source.getState, source.getState);

  const location = useLocation();
  const navigate = useNavigate();
  const base = useHref({ pathname: location.pathname, search: location.search });
  const baseWithoutSearch = useHref({ pathname: location.pathname, search: withoutLogSearch(location.search) });
  const range = useMemo(() => parseLineHash(location.hash), [location.hash]);
  const search = useMemo(() => searchFromParams(new URLSearchParams(location.search)), [location.search]);

  const setRange = useCallback(
    (next: LineRange | null) => {
      void navigate({ pathname: location.pathname, search: location.search, hash: next ? formatLineHash(next) : '' }, { replace: true, preventScrollReset: true });
    },
    [navigate, location.pathname, location.search],
  );
  const setSearch = useCallback(
    (next: LogSearch) => {
      const params = new URLSearchParams(location.search);
      const put = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
      put('q', next.query === '' ? null : next.query);
      put('case', next.caseSensitive ? '1' : null);
      put('regex', next.regex ? '1' : null);
      const query = params.toString();
      void navigate({ pathname: location.pathname, search: query ? `?${query}` : '', hash: location.hash }, { replace: true, preventScrollReset: true });
    },
    [navigate, location.pathname, location.search, location.hash],
  );
  const selection = useMemo(
    () => ({ range, onChange: setRange, hrefFor: (r: LineRange, options?: { withSearch?: boolean }) => `${options?.withSearch ? base : baseWithoutSearch}${formatLineHash(r)}` }),
    [range, setRange, base, baseWithoutSearch],
  );
  const searchProp = useMemo(() => ({ value: search, onChange: setSearch }), [search, setSearch]);

  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = async () => {
    try {
      setDownloadError(null);
      const response = await fetchJobTraceResponse(connection, projectId, jobId);
      saveBlobAs(await response.blob(), `job-${jobId}.log`);
    } catch (error) {
      setDownloadError(error);
    }
  };

  const { phase, summary, error } = state;
  const retry = () => void refetch();
  const started = job.started_at ? Date.parse(job.started_at) : NaN;

  let body;
  if (phase === 'loading' && summary.lineCount === 0) body = <LoadingState label="Loading the log" rows={8} />;
  else if (phase === 'error' && summary.lineCount === 0) {
    body =
      error instanceof GitLabError && error.status === 404 ? (
        <EmptyState title="No log for this job">
          <p>GitLab answered “404 Not found” for this job’s log: the job is gone, or it is a trigger job, which has no log.</p>
        </EmptyState>
      ) : (
        <ErrorState error={error} onRetry={retry} />
      );
  } else if (summary.lineCount === 0 && !state.streaming) body = <NoLog job={job} />;
  else {
    body = (
      <LogViewer
        client={source.client}
        summary={summary}
        generation={state.generation}
        label={`Log of job #${jobId}`}
        selection={selection}
        search={searchProp}
        live={active}
        timeOrigin={Number.isNaN(started) ? undefined : started}
        onDownload={() => void download()}
        shortcuts
        status={state.streaming ? 'loading…' : active ? 'live' : undefined}
      />
    );
  }

  return (
    <section className="job-log" aria-labelledby={`job-log-title-${jobId}`}>
      <h2 id={`job-log-title-${jobId}`} className="job-log__title">
        Log
      </h2>
      {downloadError ? <ErrorState error={downloadError} onRetry={() => void download()} /> : null}
      {active && poll && sync.data ? <LivePaceNote bytes={sync.data.bytes} activeMs={poll.activeMs} /> : null}
      {body}
    </section>
  );
}
