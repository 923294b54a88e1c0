import { useId, useState } from 'react';
import { fetchArtifactFile, fetchArtifactFileByRef, fetchArtifactsArchiveByRef } from '../../gitlab/index.ts';
import type { Connection } from '../../gitlab/index.ts';
import { explainArchiveFailure, openArtifactsArchive, readBodyWithProgress } from '../../gitlab/api/artifact-archive.ts';
import { ExternalLink, formatBytes } from '../../ui/index.ts';
import type { DownloadState, RunDownload as Run } from './use-download.ts';

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || 'artifact';
}

function safeFilePart(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'ref';
}

/** Downloads one file of a job (token in the header, saved as a blob). */
export function downloadJobFile(run: Run, conn: Connection, projectId: number, jobId: number, path: string): Promise<void> {
  return run(path, lastSegment(path), (signal) => fetchArtifactFile(conn, projectId, jobId, path, signal));
}

/**
 * Downloads a job's whole archive with progress (`size` from the job when the host sends no
 * length); a redirect to storage without CORS comes back as the plain link.
 */
export function downloadJobArchive(run: Run, conn: Connection, projectId: number, jobId: number, size: number | null = null): Promise<void> {
  return run(
    'the whole archive',
    `job-${jobId}-artifacts.zip`,
    async (signal, onProgress) => {
      const { response, contentLength, url } = await openArtifactsArchive(conn, projectId, jobId, { signal });
      return readBodyWithProgress(response, { url, total: contentLength ?? size, signal, onProgress: (p) => onProgress(p.loaded, p.total) });
    },
    (e) => explainArchiveFailure(conn, projectId, jobId, e),
  );
}

/** What a download did, said once to screen readers. */
export function DownloadStatus({ state }: { state: DownloadState }) {
  return (
    <div className="artifact-download-status" role="status">
      {state.phase === 'busy' ? (
        <span className="artifact-download-status__busy">
          Downloading {state.label}…{state.loaded !== undefined ? ` ${formatBytes(state.loaded)}${state.total ? ` of ${formatBytes(state.total)}` : ''}` : ''}
          {state.loaded !== undefined && state.total ? <progress aria-label="Download progress" value={state.loaded} max={state.total} /> : null}
        </span>
      ) : null}
      {state.phase === 'done' ? (
        <span>
          Saved {state.label} ({formatBytes(state.size)}).
        </span>
      ) : null}
      {state.phase === 'error' ? (
        <span className="tone-danger">
          <strong>{state.title}.</strong> {state.detail}{' '}
          {state.directUrl ? (
            <ExternalLink href={state.directUrl}>Download it from GitLab directly</ExternalLink>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

export interface ByRefFormProps {
  connection: Connection;
  projectId: number;
  defaultJobName: string;
  defaultRef: string;
  run: Run;
  busy: boolean;
  /** Why one file by ref cannot be fetched on this host (before 11.5), if so. */
  fileReason?: string | undefined;
}

/** "Latest artifacts of job NAME on ref REF": the archive or one file from the latest successful pipeline of a ref. */
export function ByRefDownloadForm({ connection, projectId, defaultJobName, defaultRef, run, busy, fileReason }: ByRefFormProps) {
  const [jobName, setJobName] = useState(defaultJobName);
  const [ref, setRef] = useState(defaultRef);
  const [path, setPath] = useState('');
  const ids = { job: useId(), ref: useId(), path: useId() };
  const ready = jobName.trim() !== '' && ref.trim() !== '';
  const downloadArchive = () => {
    const name = jobName.trim();
    const r = ref.trim();
    void run(`the latest artifacts of ${name} on ${r}`, `${safeFilePart(name)}-${safeFilePart(r)}-artifacts.zip`, (signal) => fetchArtifactsArchiveByRef(connection, projectId, r, name, signal));
  };
  const downloadFile = () => {
    const name = jobName.trim();
    const r = ref.trim();
    const p = path.trim().replace(/^\/+/, '');
    void run(`${p} of the latest ${name} on ${r}`, lastSegment(p), (signal) => fetchArtifactFileByRef(connection, projectId, r, name, p, signal));
  };
  return (
    <form
      className="artifact-by-ref"
      aria-label="Latest artifacts by ref"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) downloadArchive();
      }}
    >
      <p className="muted">From the latest successful pipeline of a branch or tag, whatever job ran last.</p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={ids.job}>Job name</label>
          <input id={ids.job} value={jobName} onChange={(e) => setJobName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.ref}>Branch or tag</label>
          <input id={ids.ref} value={ref} onChange={(e) => setRef(e.target.value)} required />
        </div>
        <button type="submit" className="button" disabled={!ready || busy}>
          Download latest archive
        </button>
      </div>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={ids.path}>File path in the archive</label>
          <input id={ids.path} value={path} onChange={(e) => setPath(e.target.value)} placeholder="reports/junit.xml" />
        </div>
        <button type="button" className="button" disabled={!ready || path.trim() === '' || busy || fileReason !== undefined} title={fileReason} onClick={downloadFile}>
          Download latest file
        </button>
      </div>
      {fileReason ? <p className="muted small">{fileReason}</p> : null}
    </form>
  );
}
