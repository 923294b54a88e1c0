import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { GitLabError, gitlabFeatures, gitlabKeys, jobQueryOptions, unavailableReason, versionQueryOptions, useProjectScope } from '../../gitlab/index.ts';
import type { Job, PollIntervals } from '../../gitlab/index.ts';
import { ConnectionStatus, EmptyState, ErrorState, LoadingState, projectPath as pagePath, useNow, countOf, ExternalLink, formatBytes } from '../../ui/index.ts';
import { ArtifactBreadcrumbs, ArtifactListingTable, type ListingView } from './artifact-listing.tsx';
import { ByRefDownloadForm, DownloadStatus, downloadJobArchive, downloadJobFile } from './artifact-downloads.tsx';
import { ArtifactPreview } from './artifact-preview.tsx';
import { artifactListingProgressQueryOptions, artifactListingQueryOptions, artifactState, buildTree, isArtifactListError, resolvePath } from './model/index.ts';
import type { ArtifactListing, ListProgress, SortOrder } from './model/index.ts';
import { useDownload } from './use-download.ts';
import './artifacts.css';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface ArtifactBrowserProps {
  jobId: number;
  /** The browse path, decoded: "" (root), "reports/coverage" (folder), "reports/junit.xml" (file). */
  path: string;
  poll?: PollIntervals;
  /** Draws a coloured log (the job log's StaticLog); without it logs show as plain text. */
  renderAnsiText?: (text: string, label: string) => ReactNode;
  /** Keep / delete artifacts (the job actions). */
  renderArtifactActions?: (job: Job) => ReactNode;
}

function browseSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function readSort(params: URLSearchParams): SortOrder {
  const key = params.get('sort') === 'size' ? 'size' : 'name';
  const direction = params.get('order') === 'desc' ? 'desc' : 'asc';
  return { key, direction };
}

function sourceText(listing: ArtifactListing): string {
  switch (listing.source) {
    case 'tree':
      return 'Listed by GitLab.';
    case 'zip-range':
      return `Read from the archive's index: ${formatBytes(listing.bytesFetched)} of ${formatBytes(listing.archiveSize ?? 0)} fetched.`;
    case 'zip-download':
      return `Listed from the downloaded archive (${formatBytes(listing.archiveSize ?? listing.bytesFetched)}).`;
  }
}

/** `archiveSize`: the job's listed archive size, the download's total when the host sends none. */
function ListingProgress({ progress, archiveSize }: { progress: ListProgress | null; archiveSize: number | null }) {
  if (!progress) return <LoadingState label="Listing the artifacts" rows={4} />;
  let text: string;
  let value: number | undefined;
  let max: number | undefined;
  switch (progress.phase) {
    case 'tree':
      text = `Listing the artifacts: ${progress.entries.toLocaleString('en')}${progress.total !== null ? ` of ${progress.total.toLocaleString('en')}` : ''} entries`;
      if (progress.total) [value, max] = [progress.entries, progress.total];
      break;
    case 'range':
      text = `Reading the archive's index (${formatBytes(progress.loaded)} of a ${formatBytes(progress.archiveSize)} archive)`;
      break;
    case 'download': {
      const total = progress.total ?? archiveSize;
      text = `This GitLab cannot send part of the archive, so it is downloaded once to list it: ${formatBytes(progress.loaded)}${total !== null ? ` of ${formatBytes(total)}` : ''}`;
      if (total) [value, max] = [progress.loaded, total];
      break;
    }
    case 'parse':
      text = `Reading the archive's index: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} entries`;
      [value, max] = [progress.done, progress.total];
      break;
  }
  return (
    <div className="artifact-progress" role="status">
      <span>{text}…</span>
      <progress aria-label="Listing progress" value={value} max={max} />
    </div>
  );
}

function ListingError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isArtifactListError(error)) {
    const title = error.kind === 'storage-cors' ? 'GitLab keeps this archive in object storage that this site may not read' : error.kind === 'bad-archive' ? 'The archive could not be read' : 'The host sent broken parts of the archive';
    return (
      <section className="error-state" role="alert" aria-label={title}>
        <h2 className="error-state__title">{title}</h2>
        <p className="error-state__detail">{error.message}</p>
        <div className="error-state__actions">
          {error.downloadUrl ? (
            <ExternalLink className="button button--primary" href={error.downloadUrl}>
              Download the archive from GitLab
            </ExternalLink>
          ) : null}
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  if (error instanceof GitLabError && error.status === 404) {
    return (
      <EmptyState title="No artifacts to browse">
        <p>GitLab has no artifacts archive for this job (it may have expired or been deleted).</p>
      </EmptyState>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}

/** A job's artifacts: what they are, downloads, the folder listing with breadcrumbs, and the preview of the file in the URL. */
export function ArtifactBrowser({ jobId, path, poll, renderAnsiText, renderArtifactActions }: ArtifactBrowserProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const [params, setParams] = useSearchParams();
  const jobQuery = useQuery(jobQueryOptions(connection, projectId, jobId, { poll }));
  const versionQuery = useQuery(versionQueryOptions(connection));
  const now = useNow(60_000);
  const download = useDownload();

  const job = jobQuery.data;
  const state = job ? artifactState(job, now) : null;
  // An unknown version (GitLab may hide /version) tries the tree endpoint first.
  const versionKnown = versionQuery.isSuccess || versionQuery.isError;
  const features = versionQuery.data ? gitlabFeatures(versionQuery.data) : null;
  // Single files came with 10.0: an older host can only hand out the whole archive.
  const fileReason = unavailableReason(features, 'artifactFile');
  const listingQuery = useQuery({
    ...artifactListingQueryOptions(connection, projectId, jobId, features?.artifactTree ?? null),
    enabled: !!state?.browsable && versionKnown,
  });
  const progress = useQuery(artifactListingProgressQueryOptions(connection, projectId, jobId)).data ?? null;
  const tree = useMemo(() => (listingQuery.data ? buildTree(listingQuery.data.entries) : null), [listingQuery.data]);

  const search = params.toString();
  const linkTo = (p: string) => {
    const keep = new URLSearchParams(search);
    keep.delete('q');
    keep.delete('deep');
    const s = keep.toString();
    return { pathname: pagePath(projectPath, 'jobs', jobId, 'artifacts', 'browse', ...browseSegments(p)), search: s ? `?${s}` : '' };
  };
  const setSearch = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  };

  if (jobQuery.isPending) return <LoadingState label="Loading the job" />;
  if (jobQuery.isError && !job) return <ErrorState error={jobQuery.error} onRetry={() => void jobQuery.refetch()} />;
  if (!job || !state) return <LoadingState label="Loading the job" />;

  const resolved = tree ? resolvePath(tree, path) : null;
  const folder = resolved ? (resolved.kind === 'folder' ? resolved.path : resolved.kind === 'file' ? parentFolder(resolved.node.path) : resolved.nearest) : '';
  const selected = resolved?.kind === 'file' ? resolved.node : null;
  const view: ListingView = { folder, selected: selected?.path ?? null, sort: readSort(params), query: params.get('q') ?? '', deep: params.get('deep') === '1' };
  const busy = download.state.phase === 'busy';

  return (
    <div className="artifact-browser">
      <div className="page-header">
        <h1>Artifacts</h1>
        <span className="muted">
          of job <Link to={pagePath(projectPath, 'jobs', jobId)}>#{jobId} {job.name}</Link>
          {job.ref ? ` on ${job.ref}` : ''}
        </span>
      </div>
      <ConnectionStatus queryKey={gitlabKeys.host(connection)} />

      <section className={`artifact-state artifact-state--${state.kind}`} aria-label="About these artifacts">
        <p>
          <strong>{state.title}.</strong> {state.detail}
          {job.artifacts_file?.size ? ` Archive: ${formatBytes(job.artifacts_file.size)}.` : ''}
        </p>
        <div className="artifact-state__actions">
          {state.browsable ? (
            <button type="button" className="button" disabled={busy} onClick={() => void downloadJobArchive(download.run, connection, projectId, jobId, job.artifacts_file?.size ?? null)}>
              Download archive
            </button>
          ) : null}
          {renderArtifactActions?.(job)}
        </div>
      </section>

      <details className="artifact-by-ref-box">
        <summary>Latest artifacts of a job on a branch or tag</summary>
        <ByRefDownloadForm
          connection={connection}
          projectId={projectId}
          defaultJobName={job.name}
          defaultRef={job.ref ?? ''}
          run={download.run}
          busy={busy}
          fileReason={unavailableReason(features, 'artifactRawByRef')}
        />
      </details>
      <DownloadStatus state={download.state} />

      {!state.browsable ? (
        <EmptyState title={state.kind === 'report-only' ? 'Only reports, no files to browse' : state.kind === 'not-yet' ? 'No artifacts yet' : state.kind === 'expired' ? 'These artifacts have expired' : state.kind === 'erased' ? 'This job was erased' : 'No artifacts to browse'}>
          <p>{state.detail}</p>
        </EmptyState>
      ) : listingQuery.isError ? (
        <ListingError error={listingQuery.error} onRetry={() => void listingQuery.refetch()} />
      ) : !tree || !listingQuery.data || !resolved ? (
        <ListingProgress progress={progress} archiveSize={job?.artifacts_file?.size ?? null} />
      ) : (
        <>
          <ArtifactBreadcrumbs path={selected ? selected.path : folder} linkTo={linkTo} />
          {resolved.kind === 'missing' ? (
            <p className="banner banner--info" role="note">
              There is no “{resolved.path}” in these artifacts; showing {resolved.nearest === '' ? 'the top folder' : `the folder ${resolved.nearest.slice(0, -1)}`} instead.
            </p>
          ) : null}
          {listingQuery.data.truncated ? (
            <p className="banner banner--info" role="note">
              GitLab listed only part of this archive (its listing has a page limit). Download the archive to see every file.
            </p>
          ) : null}
          <div className={selected ? 'artifact-panes artifact-panes--split' : 'artifact-panes'}>
            <ArtifactListingTable
              tree={tree}
              view={view}
              linkTo={linkTo}
              onSort={(s) => setSearch({ sort: s.key === 'name' ? null : s.key, order: s.direction === 'asc' ? null : s.direction })}
              onQuery={(q, deep) => setSearch({ q, deep: deep ? '1' : null })}
            />
            {selected && fileReason ? (
              <p className="muted artifact-preview">{fileReason} Download the archive to open this file.</p>
            ) : selected ? (
              <ArtifactPreview
                key={selected.path}
                connection={connection}
                projectId={projectId}
                jobId={jobId}
                path={selected.path}
                size={selected.size}
                renderAnsiText={renderAnsiText}
                downloadButton={
                  <button type="button" className="button" disabled={busy} onClick={() => void downloadJobFile(download.run, connection, projectId, jobId, selected.path)}>
                    Download {selected.name}
                  </button>
                }
              />
            ) : null}
          </div>
          <p className="muted artifact-summary">
            {countOf(tree.root.fileCount, 'file')}, {formatBytes(tree.root.totalSize)} in all. {sourceText(listingQuery.data)}
            {listingQuery.data.skipped.length > 0 ? ` ${listingQuery.data.skipped.length} unsafe or shadowed paths were left out.` : ''}
          </p>
        </>
      )}
    </div>
  );
}

function parentFolder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}
