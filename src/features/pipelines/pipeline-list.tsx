import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { gitlabKeys, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { ConnectionStatus, EmptyState, ErrorState, LoadingState, useRouteLinks } from '../../ui/index.ts';
import { hasFilters, NO_PIPELINE_FILTERS, readPipelineListFilters, writePipelineListFilters, type PipelineListFilters } from './model/list-filters.ts';
import { PipelineListToolbar } from './pipeline-list-filters.tsx';
import { pipelineListQueryOptions } from './pipeline-list-query.ts';
import { PipelineRow } from './pipeline-row.tsx';
import './pipelines.css';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface PipelineListProps {
  /** Refresh intervals (config.json's `refresh`); the loader passes the same. */
  poll?: PollIntervals;
}

const COLUMNS = ['Status', 'Pipeline', 'Ref', 'Source', 'Commit', 'Triggered by', 'Duration', 'Created', 'Stages'];

/** GitLab's `/-/pipelines`: tabs and filters in the URL, live rows, pages, links to each pipeline. */
export function PipelineList({ poll }: PipelineListProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readPipelineListFilters(search), [search]);
  const onChange = (next: PipelineListFilters) => setSearch((prev) => writePipelineListFilters(prev, next));
  const query = useQuery(pipelineListQueryOptions(connection, projectId, filters, poll));
  const links = useRouteLinks();
  const page = query.data;

  let body;
  if (query.isPending) body = <LoadingState label="Loading pipelines" />;
  else if (query.isError && !page) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (page && page.items.length === 0) {
    body = (
      <EmptyState
        title={hasFilters(filters) || filters.scope !== 'all' ? 'No pipeline matches these filters' : 'No pipelines yet'}
        action={
          hasFilters(filters) || filters.scope !== 'all' ? (
            <button type="button" className="button" onClick={() => onChange(NO_PIPELINE_FILTERS)}>
              Show all pipelines
            </button>
          ) : undefined
        }
      >
        {filters.sha ? `Commit ${filters.sha.slice(0, 8)} has no pipeline here.` : 'GitLab lists none for this view.'}
      </EmptyState>
    );
  } else if (page) {
    body = (
      <div className="pipelines__scroll" onClick={links.onClick}>
        <table className="pipelines__table" aria-label={`Pipelines of ${projectPath}`}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((p) => (
              <PipelineRow key={p.id} connection={connection} projectId={projectId} projectPath={projectPath} pipeline={p} poll={poll} links={links} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  const current = filters.page;
  const hasNext = page?.next != null;
  return (
    <section className="pipelines" aria-label="Pipelines">
      <PipelineListToolbar filters={filters} onChange={onChange} />
      {filters.sha ? <p className="banner">Pipelines of commit <code>{filters.sha.slice(0, 12)}</code></p> : null}
      {page ? <ConnectionStatus queryKey={gitlabKeys.host(connection)} live="refreshing by itself while pipelines run" /> : null}
      {body}
      {page && (current > 1 || hasNext) ? (
        <nav className="pipelines__pages" aria-label="Pages">
          <button type="button" className="button" disabled={current <= 1} onClick={() => onChange({ ...filters, page: current - 1 })}>
            Previous
          </button>
          <span className="muted">
            Page {current}
            {page.totalPages ? ` of ${page.totalPages}` : ''}
          </span>
          <button type="button" className="button" disabled={!hasNext} onClick={() => onChange({ ...filters, page: current + 1 })}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
