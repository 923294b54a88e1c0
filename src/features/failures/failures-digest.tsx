import { groupByCause, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { EmptyState, ErrorState, LoadingState, projectPath as appPath, useRouteLinks } from '../../ui/index.ts';
import { FailureRow, pipelineLabel, type DigestLinks } from './failure-row.tsx';
import type { FindFirstErrors } from './model/types.ts';
import { useFailuresDigest, type DigestRow } from './use-failures-digest.ts';
import './failures.css';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface FailuresDigestProps {
  pipelineId: number;
  /** The pipeline's ref (its history is walked on it); null while unknown. */
  ref: string | null;
  poll?: PollIntervals | undefined;
  /** The log viewer's "first error" detection (the job-log feature, wired by the route). */
  findFirstErrors: FindFirstErrors;
}

/**
 * The pipeline's Failures tab: every failed job of the pipeline and its downstream pipelines,
 * grouped by cause (the normalised first failure line), allowed failures apart.
 */
export function FailuresDigest({ pipelineId, ref, poll, findFirstErrors }: FailuresDigestProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const digest = useFailuresDigest({ connection, project: projectId, pipelineId, ref, poll, findFirstErrors });
  const { href, onClick } = useRouteLinks();
  const pathOf = (project: string | number) => (project === projectId ? projectPath : String(project));
  const links: DigestLinks = {
    job: (project, jobId, line) => href(appPath(pathOf(project), 'jobs', jobId)) + (line === undefined ? '' : `#L${line + 1}`),
    pipeline: (project, id) => href(appPath(pathOf(project), 'pipelines', id)),
  };

  if (digest.state === 'loading' && digest.rows.length === 0) return <LoadingState label="Loading the failed jobs" />;
  if (digest.state === 'error') return <ErrorState error={digest.error} onRetry={digest.refetch} />;

  const blocking = digest.rows.filter((r) => !r.allowed);
  const allowed = digest.rows.filter((r) => r.allowed);
  const downstream = new Set(blocking.filter((r) => r.pipeline.kind !== 'root').map((r) => r.pipeline.key)).size;
  const groups = groupByCause(blocking, (r) => r.errors?.[0]?.text ?? null);
  const read = digest.rows.filter((r) => r.log.state !== 'loading').length;

  return (
    <section className="failures" aria-label="Failures" data-complete={digest.complete ? 'true' : 'false'} onClick={onClick}>
      <p className="failures__summary" role="status">
        {blocking.length === 0
          ? 'No failed jobs'
          : `${blocking.length} failed ${blocking.length === 1 ? 'job' : 'jobs'}${whereText(blocking, downstream)}, ${groups.length} ${groups.length === 1 ? 'cause' : 'causes'}`}
        {allowed.length > 0 ? ` · ${allowed.length} allowed to fail` : ''}
        {!digest.complete && digest.rows.length > 0 ? ` · reading logs ${read} of ${digest.rows.length}` : ''}
      </p>
      {digest.truncated ? <p className="banner">A pipeline has more jobs than the dashboard fetches at once: only the first ones are listed.</p> : null}
      {digest.rows.length === 0 && digest.state === 'ready' ? (
        <EmptyState title="Nothing failed">No job of this pipeline or of its downstream pipelines has failed.</EmptyState>
      ) : null}
      {groups.map((group) => (
        <CauseGroupView key={group.signature || '(none)'} rows={group.items} links={links} />
      ))}
      {allowed.length > 0 ? (
        <details className="failures__allowed">
          <summary>
            {allowed.length} allowed to fail {allowed.length === 1 ? 'job' : 'jobs'} (warnings, not failures)
          </summary>
          <ul className="failures__list">
            {allowed.map((row) => (
              <FailureRow key={row.job.id} row={row} links={links} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** " in 3 downstream pipelines", " (4 in 2 downstream pipelines)", or "" when all are the pipeline's own. */
function whereText(rows: DigestRow[], downstream: number): string {
  if (downstream === 0) return '';
  const below = rows.filter((r) => r.pipeline.kind !== 'root').length;
  const pipelines = `${downstream} downstream ${downstream === 1 ? 'pipeline' : 'pipelines'}`;
  return below === rows.length ? ` in ${pipelines}` : ` (${below} in ${pipelines})`;
}

function CauseGroupView({ rows, links }: { rows: DigestRow[]; links: DigestLinks }) {
  const first = rows[0];
  const line = first?.errors?.[0]?.text ?? null;
  const title = line ?? (first?.log.state === 'loading' ? 'Logs being read' : 'No error line found');
  const count = `${rows.length} ${rows.length === 1 ? 'job' : 'jobs'}`;
  const places = [...new Set(rows.map((r) => pipelineLabel(r.pipeline) || 'this pipeline'))];
  return (
    <section className="failure-group" aria-label={`${count}: ${title}`}>
      <h3 className="failure-group__title">
        <span className="failure-group__count">{count}:</span> <code>{title}</code>
      </h3>
      {places.length > 1 || places[0] !== 'this pipeline' ? <p className="failure-group__where muted">in {places.join(', ')}</p> : null}
      <ul className="failures__list">
        {rows.map((row) => (
          <FailureRow key={row.job.id} row={row} links={links} />
        ))}
      </ul>
    </section>
  );
}
