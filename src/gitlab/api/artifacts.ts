import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../pagination.ts';
import type { AllPages } from '../pagination.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { ArtifactTreeParams } from '../query-keys.ts';
import { buildUrl, gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { ArtifactTreeEntrySchema } from '../types.ts';
import type { ArtifactTreeEntry } from '../types.ts';

/** A path inside the archive, each segment encoded, slashes kept (`a b/c.txt` → `a%20b/c.txt`). */
export function encodeArtifactPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function jobBase(project: ProjectRef, jobId: number): string {
  return `/projects/${projectSegment(project)}/jobs/${jobId}`;
}

/**
 * The API URL of one file inside a job's artifacts. It needs the PRIVATE-TOKEN header, so it is
 * for `fetchArtifactFile`, never for a link or an <img src>: a token never goes into a URL.
 */
export function artifactFileUrl(conn: Pick<Connection, 'host'>, project: ProjectRef, jobId: number, path: string): string {
  return buildUrl(conn, `${jobBase(project, jobId)}/artifacts/${encodeArtifactPath(path)}`);
}

/** `GET …/jobs/:id/artifacts/*path`: one file, streamed by GitLab (400 invalid path, 404 none). */
export async function fetchArtifactFile(conn: Connection, project: ProjectRef, jobId: number, path: string, signal?: AbortSignal): Promise<Blob> {
  const { data } = await gitlabRequest(conn, `${jobBase(project, jobId)}/artifacts/${encodeArtifactPath(path)}`, { responseType: 'blob', signal });
  return data;
}

/** `GET …/jobs/artifacts/:ref/raw/*path?job=NAME`: a file from the latest successful pipeline of a ref. */
export async function fetchArtifactFileByRef(conn: Connection, project: ProjectRef, ref: string, jobName: string, path: string, signal?: AbortSignal): Promise<Blob> {
  const { data } = await gitlabRequest(conn, `/projects/${projectSegment(project)}/jobs/artifacts/${encodeURIComponent(ref)}/raw/${encodeArtifactPath(path)}`, {
    query: { job: jobName },
    responseType: 'blob',
    signal,
  });
  return data;
}

/**
 * `GET …/jobs/:id/artifacts/tree` (GitLab 18.8+): the archive's listing, all pages. Older hosts
 * have no such endpoint (see `gitlabFeatures(version).artifactTree`): read the zip instead.
 */
export function fetchArtifactTree(conn: Connection, project: ProjectRef, jobId: number, params: ArtifactTreeParams = {}, signal?: AbortSignal): Promise<AllPages<ArtifactTreeEntry>> {
  return fetchAllPages(conn, `${jobBase(project, jobId)}/artifacts/tree`, {
    item: ArtifactTreeEntrySchema,
    query: { path: params.path || undefined, recursive: params.recursive ? true : undefined },
    perPage: 100,
    maxPages: 50,
    signal,
  });
}

export function artifactTreeQueryOptions(conn: Connection, project: ProjectRef, jobId: number, params: ArtifactTreeParams = {}) {
  return queryOptions({
    queryKey: gitlabKeys.artifactTree(conn, project, jobId, params),
    queryFn: ({ signal }) => fetchArtifactTree(conn, project, jobId, params, signal),
    staleTime: 5 * 60 * 1000,
  });
}

export interface ArchiveResult {
  blob: Blob;
  /** 206 when a Range was honoured, 200 for the whole archive. */
  status: number;
  headers: Headers;
}

/**
 * `GET …/jobs/:id/artifacts`: the zip archive (GitLab may redirect to object storage, whose CORS
 * is not GitLab's). `range` (e.g. `bytes=-65536`) asks for the tail to read the zip's central
 * directory; hosts that ignore it send the whole archive (status 200).
 */
export async function fetchArtifactsArchive(conn: Connection, project: ProjectRef, jobId: number, options: { range?: string; signal?: AbortSignal } = {}): Promise<ArchiveResult> {
  const { data, status, headers } = await gitlabRequest(conn, `${jobBase(project, jobId)}/artifacts`, {
    responseType: 'blob',
    headers: options.range ? { Range: options.range } : undefined,
    signal: options.signal,
  });
  return { blob: data, status, headers };
}

/** `GET …/jobs/artifacts/:ref/download?job=NAME`: the archive of the latest successful pipeline of a ref. */
export async function fetchArtifactsArchiveByRef(conn: Connection, project: ProjectRef, ref: string, jobName: string, signal?: AbortSignal): Promise<Blob> {
  const { data } = await gitlabRequest(conn, `/projects/${projectSegment(project)}/jobs/artifacts/${encodeURIComponent(ref)}/download`, {
    query: { job: jobName },
    responseType: 'blob',
    signal,
  });
  return data;
}

export interface BlobDownload {
  /** A `blob:` URL for an <a download> (holds no token). Call `revoke` when done. */
  url: string;
  filename: string;
  size: number;
  revoke: () => void;
}

/**
 * Downloads a job's archive with the token in the header and hands back a blob URL: the token
 * never goes into a link. (The file name is ours: Content-Disposition is not readable cross-origin.)
 */
export async function downloadArtifactsArchive(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<BlobDownload> {
  const { blob } = await fetchArtifactsArchive(conn, project, jobId, { signal });
  const url = URL.createObjectURL(blob);
  return { url, filename: `job-${jobId}-artifacts.zip`, size: blob.size, revoke: () => URL.revokeObjectURL(url) };
}
