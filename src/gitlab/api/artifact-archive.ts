/**
 * The HTTP the artifact browser needs beyond `artifacts.ts`: byte ranges of a job's archive
 * (to read its zip central directory without downloading it), the whole archive with progress
 * when the host ignores Range, the first bytes of one file (to choose a preview), the 18.8+
 * tree listing page by page with progress, and telling a redirect to object storage that the
 * browser may not read (CORS) from GitLab itself being unreachable.
 * Everything goes through the one transport: the token travels in the PRIVATE-TOKEN header only.
 */
import { GitLabError } from '../errors.ts';
import { fetchPage } from '../pagination.ts';
import type { Page, PageCursor } from '../pagination.ts';
import { buildUrl, gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { ArtifactTreeEntrySchema } from '../types.ts';
import type { ArtifactTreeEntry } from '../types.ts';
import { encodeArtifactPath } from './artifacts.ts';
import { parseContentRange, ZIP_TAIL_BYTES, zipSizeFromTail } from './zip-range.ts';

export { parseContentRange, ZIP_TAIL_BYTES, zipSizeFromTail, type ContentRange } from './zip-range.ts';


/** Counts what came over the wire, for progress and for the benchmark. */
export interface ByteMeter {
  bytes: number;
  requests: number;
}

export function createByteMeter(): ByteMeter {
  return { bytes: 0, requests: 0 };
}

export type ArtifactArchiveErrorKind =
  /** GitLab redirected to object storage whose answer the browser may not read (no CORS there). */
  | 'storage-cors'
  /** The host answered a byte range with something that is not the range asked for. */
  | 'bad-range';

/** A failure specific to reading the archive, with the link a person can open instead. */
export class ArtifactArchiveError extends Error {
  override readonly name = 'ArtifactArchiveError';
  readonly kind: ArtifactArchiveErrorKind;
  /** GitLab's own archive URL (no token): a signed-in browser tab can download it. */
  readonly downloadUrl: string;

  constructor(kind: ArtifactArchiveErrorKind, message: string, downloadUrl: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.downloadUrl = downloadUrl;
  }
}

export function isArtifactArchiveError(e: unknown): e is ArtifactArchiveError {
  return e instanceof ArtifactArchiveError;
}

function jobPath(project: ProjectRef, jobId: number): string {
  return `/projects/${projectSegment(project)}/jobs/${jobId}`;
}

/**
 * GitLab's own URL of a job's archive, for a plain link. It holds no token: opened in a tab,
 * GitLab authenticates it with the person's session cookie (and follows its own redirect to
 * object storage, which a top-level navigation may do without CORS).
 */
export function artifactsArchiveUrl(conn: Pick<Connection, 'host'>, project: ProjectRef, jobId: number): string {
  return buildUrl(conn, `${jobPath(project, jobId)}/artifacts`);
}

/**
 * The job page's "Download" URL of the web UI (`/<project path>/-/jobs/:id/artifacts/download`),
 * when the project is known by its path; null for a numeric id.
 */
export function artifactsWebDownloadUrl(conn: Pick<Connection, 'host'>, project: ProjectRef, jobId: number): string | null {
  if (typeof project === 'number' || /^\d+$/.test(project.trim())) return null;
  const base = buildUrl(conn, '/').replace(/\/api\/v4\/?$/, '');
  const path = project
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return `${base}/${path}/-/jobs/${jobId}/artifacts/download`;
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface ArchiveTail {
  /** Offset of `bytes[0]` in the archive. */
  start: number;
  bytes: Uint8Array;
  /** The archive's size in bytes. */
  total: number;
  /** Where `total` came from: the header, the tail being the whole archive, or the zip's end record. */
  totalFrom: 'content-range' | 'whole' | 'zip-end-record';
}

/** What the host did with a suffix-range probe. */
export type ArchiveProbe =
  | { kind: 'ranged'; tail: ArchiveTail }
  /** It ignored the Range and is sending the whole archive: `response` is unread. */
  | { kind: 'whole'; response: Response; contentLength: number | null };

export interface ArchiveRequestOptions {
  signal?: AbortSignal;
  meter?: ByteMeter;
}

async function readAll(response: Response, url: string, meter: ByteMeter | undefined): Promise<Uint8Array> {
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (meter) meter.bytes += bytes.length;
    return bytes;
  } catch (e) {
    if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) throw new GitLabError({ kind: 'aborted', url, cause: e });
    throw new GitLabError({ kind: 'network', url, cause: e, detail: 'the connection broke while reading the archive' });
  }
}

function contentLengthOf(headers: Headers): number | null {
  const raw = headers.get('content-length');
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Asks for the archive's last `tailBytes` (`Range: bytes=-N`). A 206 gives the tail and the
 * archive's size (from Content-Range, or from the zip's own end record when the browser hides
 * that header); a 200 means the host ignores Range, and its unread body is the whole archive.
 */
export async function probeArtifactsArchive(conn: Connection, project: ProjectRef, jobId: number, tailBytes: number = ZIP_TAIL_BYTES, options: ArchiveRequestOptions = {}): Promise<ArchiveProbe> {
  const path = `${jobPath(project, jobId)}/artifacts`;
  const { data: response, status, headers, url } = await gitlabRequest(conn, path, {
    responseType: 'response',
    headers: { Range: `bytes=-${Math.max(1, Math.floor(tailBytes))}` },
    signal: options.signal,
  });
  if (options.meter) options.meter.requests += 1;
  if (status !== 206) return { kind: 'whole', response, contentLength: contentLengthOf(headers) };
  const bytes = await readAll(response, url, options.meter);
  const range = parseContentRange(headers.get('content-range'));
  if (range?.total !== undefined) {
    if (range.end - range.start + 1 !== bytes.length || range.end !== range.total - 1) {
      throw new ArtifactArchiveError('bad-range', `The host answered bytes ${range.start}-${range.end}/${range.total} with ${bytes.length} bytes, not the archive's end.`, url);
    }
    return { kind: 'ranged', tail: { start: range.start, bytes, total: range.total, totalFrom: 'content-range' } };
  }
  if (bytes.length < tailBytes) {
    // Less than asked for: the archive is shorter than the suffix, so this is all of it.
    return { kind: 'ranged', tail: { start: 0, bytes, total: bytes.length, totalFrom: 'whole' } };
  }
  const total = zipSizeFromTail(bytes);
  if (total === null || total < bytes.length) {
    throw new ArtifactArchiveError('bad-range', 'The end of the archive does not hold a zip end record, and the host did not say how large the archive is.', url);
  }
  return { kind: 'ranged', tail: { start: total - bytes.length, bytes, total, totalFrom: 'zip-end-record' } };
}

/** Bytes `start` … `end - 1` of the archive (`Range: bytes=start-(end-1)`); anything but that 206 is an error. */
export async function fetchArtifactsArchiveRange(conn: Connection, project: ProjectRef, jobId: number, start: number, end: number, options: ArchiveRequestOptions = {}): Promise<Uint8Array> {
  if (!(end > start) || start < 0) return new Uint8Array(0);
  const path = `${jobPath(project, jobId)}/artifacts`;
  const { data: response, status, headers, url } = await gitlabRequest(conn, path, {
    responseType: 'response',
    headers: { Range: `bytes=${start}-${end - 1}` },
    signal: options.signal,
  });
  if (options.meter) options.meter.requests += 1;
  if (status !== 206) {
    // Reading a 200 here would download the whole archive for a few bytes: stop instead.
    await response.body?.cancel().catch(() => undefined);
    throw new ArtifactArchiveError('bad-range', `The host stopped honouring byte ranges (status ${status}).`, url);
  }
  const bytes = await readAll(response, url, options.meter);
  const range = parseContentRange(headers.get('content-range'));
  if ((range && range.start !== start) || bytes.length !== end - start) {
    throw new ArtifactArchiveError('bad-range', `Asked for bytes ${start}-${end - 1}, got ${bytes.length} bytes${range ? ` at ${range.start}` : ''}.`, url);
  }
  return bytes;
}

/** The whole archive as an unread Response (no Range), for a download with progress. */
export async function openArtifactsArchive(conn: Connection, project: ProjectRef, jobId: number, options: ArchiveRequestOptions = {}): Promise<{ response: Response; contentLength: number | null; url: string }> {
  const { data: response, headers, url } = await gitlabRequest(conn, `${jobPath(project, jobId)}/artifacts`, { responseType: 'response', signal: options.signal });
  if (options.meter) options.meter.requests += 1;
  return { response, contentLength: contentLengthOf(headers), url };
}

export interface DownloadProgress {
  loaded: number;
  /** Null when neither the host nor the caller knows the size. */
  total: number | null;
}

/**
 * Reads a response body to the end as a Blob (the browser may keep a large one on disk),
 * reporting progress as the chunks arrive.
 */
export async function readBodyWithProgress(
  response: Response,
  options: { url: string; total?: number | null; signal?: AbortSignal; meter?: ByteMeter; onProgress?: (p: DownloadProgress) => void; type?: string },
): Promise<Blob> {
  const total = options.total ?? null;
  const body = response.body;
  if (!body) {
    const blob = await response.blob();
    if (options.meter) options.meter.bytes += blob.size;
    options.onProgress?.({ loaded: blob.size, total: total ?? blob.size });
    return blob;
  }
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  const onAbort = () => void reader.cancel().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (options.signal?.aborted) throw new GitLabError({ kind: 'aborted', url: options.url });
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      loaded += value.length;
      if (options.meter) options.meter.bytes += value.length;
      options.onProgress?.({ loaded, total });
    }
  } catch (e) {
    if (e instanceof GitLabError) throw e;
    if (options.signal?.aborted) throw new GitLabError({ kind: 'aborted', url: options.url, cause: e });
    throw new GitLabError({ kind: 'network', url: options.url, cause: e, detail: 'the connection broke while downloading the archive' });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return new Blob(chunks, { type: options.type ?? 'application/zip' });
}

// ---------------------------------------------------------------------------------------------
// Redirects to object storage

/**
 * Turns a failed archive request into what happened. The transport reports a fetch that threw
 * as `cors` or `network`; when GitLab itself still answers a plain API call about the same job
 * (with any HTTP status), the failure lies past GitLab's redirect (object storage without CORS
 * for this origin), so the person gets the plain download link instead. Anything else is
 * returned unchanged.
 */
export async function explainArchiveFailure(conn: Connection, project: ProjectRef, jobId: number, error: unknown, signal?: AbortSignal): Promise<unknown> {
  if (!(error instanceof GitLabError) || (error.kind !== 'cors' && error.kind !== 'network')) return error;
  try {
    await gitlabRequest(conn, jobPath(project, jobId), { signal });
  } catch (e) {
    // Any HTTP answer (even a 404) proves GitLab itself is readable from here.
    const unreadable = !(e instanceof GitLabError) || e.kind === 'cors' || e.kind === 'network' || e.kind === 'aborted';
    if (unreadable) return error;
  }
  return new ArtifactArchiveError(
    'storage-cors',
    'GitLab sends this archive from separate object storage, which does not let the dashboard read it (no CORS for this site). Download it directly instead.',
    artifactsArchiveUrl(conn, project, jobId),
    { cause: error },
  );
}

// ---------------------------------------------------------------------------------------------
// One file's first bytes

export interface FileHead {
  bytes: Uint8Array;
  /** True when the file goes on past `bytes`. */
  truncated: boolean;
  /** The file's size when the host said it (Content-Length), else null. */
  size: number | null;
}

/**
 * `GET …/jobs/:id/artifacts/*path`, read up to `maxBytes` and then cancelled: enough to choose
 * a preview, or to page a large text, without holding the whole file (GitLab streams these
 * files and honours no Range).
 */
export async function fetchArtifactFileHead(conn: Connection, project: ProjectRef, jobId: number, path: string, options: { maxBytes: number; signal?: AbortSignal; meter?: ByteMeter }): Promise<FileHead> {
  const { data: response, headers, url } = await gitlabRequest(conn, `${jobPath(project, jobId)}/artifacts/${encodeArtifactPath(path)}`, {
    responseType: 'response',
    signal: options.signal,
  });
  if (options.meter) options.meter.requests += 1;
  const size = contentLengthOf(headers);
  const max = Math.max(0, Math.floor(options.maxBytes));
  const body = response.body;
  if (!body) {
    const all = await readAll(response, url, options.meter);
    return { bytes: all.subarray(0, max), truncated: all.length > max, size: size ?? all.length };
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let filled = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (options.meter) options.meter.bytes += value.length;
      if (filled + value.length > max) {
        chunks.push(value.subarray(0, max - filled));
        filled = max;
        truncated = true;
        break;
      }
      chunks.push(value);
      filled += value.length;
      if (filled === max) {
        // Exactly full: one more read tells whether the file goes on.
        const more = await reader.read();
        if (!more.done && more.value.length > 0) {
          if (options.meter) options.meter.bytes += more.value.length;
          truncated = true;
        }
        break;
      }
    }
    if (truncated || filled === max) await reader.cancel().catch(() => undefined);
  } catch (e) {
    if (options.signal?.aborted) throw new GitLabError({ kind: 'aborted', url, cause: e });
    throw new GitLabError({ kind: 'network', url, cause: e, detail: 'the connection broke while reading the file' });
  }
  const bytes = new Uint8Array(filled);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, truncated, size: size ?? (truncated ? null : filled) };
}

// ---------------------------------------------------------------------------------------------
// The tree endpoint, every page

export interface TreeProgress {
  pages: number;
  entries: number;
  /** From X-Total when GitLab sends it. */
  total: number | null;
}

/**
 * `GET …/jobs/:id/artifacts/tree?recursive=true` (GitLab 18.8+), every page, with progress.
 * Stops at `maxEntries` (then `truncated`).
 */
export async function fetchArtifactTreeAll(
  conn: Connection,
  project: ProjectRef,
  jobId: number,
  options: { signal?: AbortSignal; maxEntries?: number; onProgress?: (p: TreeProgress) => void } = {},
): Promise<{ entries: ArtifactTreeEntry[]; truncated: boolean; pages: number }> {
  const maxEntries = options.maxEntries ?? 200_000;
  const entries: ArtifactTreeEntry[] = [];
  const seen = new Set<string>();
  let cursor: PageCursor | null = null;
  let pages = 0;
  let total: number | null = null;
  for (;;) {
    const page: Page<ArtifactTreeEntry> = await fetchPage(conn, `${jobPath(project, jobId)}/artifacts/tree`, {
      item: ArtifactTreeEntrySchema,
      query: { recursive: true },
      perPage: 100,
      cursor,
      signal: options.signal,
    });
    pages += 1;
    total ??= page.total ?? null;
    entries.push(...page.items);
    options.onProgress?.({ pages, entries: entries.length, total });
    const next: PageCursor | null = page.next;
    if (!next || page.items.length === 0) return { entries, truncated: false, pages };
    const key = next.mode === 'offset' ? `o${next.page}` : `k${next.query}`;
    if (seen.has(key)) return { entries, truncated: false, pages };
    seen.add(key);
    if (entries.length >= maxEntries) return { entries: entries.slice(0, maxEntries), truncated: true, pages };
    cursor = next;
  }
}
