/**
 * Lists a job's artifacts on any GitLab version: the tree endpoint where the host has it
 * (18.8+), else the zip's central directory read with zip.js through byte ranges of the
 * archive (a few hundred KiB of a large archive), else the whole archive once, with progress.
 */
import { queryOptions, skipToken } from '@tanstack/react-query';
import { GitLabError, gitlabKeys } from '../../../gitlab/index.ts';
import type { Connection, GitLabFeatures, ProjectRef } from '../../../gitlab/index.ts';
import {
  ArtifactArchiveError,
  ZIP_TAIL_BYTES,
  artifactsArchiveUrl,
  createByteMeter,
  explainArchiveFailure,
  fetchArtifactTreeAll,
  fetchArtifactsArchiveRange,
  openArtifactsArchive,
  probeArtifactsArchive,
  readBodyWithProgress,
} from '../../../gitlab/api/artifact-archive.ts';
import type { ByteMeter } from '../../../gitlab/api/artifact-archive.ts';
import { normaliseEntries } from './entries.ts';
import type { ArtifactEntry, RawEntry } from './entries.ts';

/** zip.js (~30 KB gzipped) comes only when an archive must be read: most hosts list through the tree endpoint. */
const loadZip = () => import('./zip-entries.ts');

export type ListingSource = 'tree' | 'zip-range' | 'zip-download';

export interface ArtifactListing {
  entries: ArtifactEntry[];
  source: ListingSource;
  /** Bytes of the archive that came over the wire (0 through the tree endpoint). */
  bytesFetched: number;
  /** HTTP requests made for the archive or the tree pages. */
  requests: number;
  /** The archive's size, when it was read. */
  archiveSize?: number;
  /** Paths left out: climbing out of the archive, or a file shadowed by a directory. */
  skipped: string[];
  /** The tree endpoint's page cap stopped the listing early. */
  truncated: boolean;
}

export type ListProgress =
  | { phase: 'tree'; pages: number; entries: number; total: number | null }
  | { phase: 'range'; loaded: number; archiveSize: number }
  | { phase: 'download'; loaded: number; total: number | null }
  | { phase: 'parse'; done: number; total: number };

export interface ListArtifactsOptions {
  signal?: AbortSignal;
  onProgress?: (p: ListProgress) => void;
  /**
   * What the host supports (`gitlabFeatures(version)`): `artifactTree` true uses the tree
   * endpoint, false goes straight to the zip, null (version unknown) tries the tree first.
   */
  features?: Pick<GitLabFeatures, 'artifactTree'> | null;
  /** The archive's size if known (`job.artifacts_file.size`): a progress total when the host sends none. */
  archiveSize?: number | null;
  /** Skip the tree endpoint even where it exists (the bench, tests). */
  forceZip?: boolean;
}

export type ArtifactListErrorKind = 'storage-cors' | 'bad-archive' | 'bad-range';

/** A listing failure of our own kind (GitLab's own refusals stay GitLabErrors). */
export class ArtifactListError extends Error {
  override readonly name = 'ArtifactListError';
  readonly kind: ArtifactListErrorKind;
  /** GitLab's plain archive URL (no token), for a person to download it in a tab. */
  readonly downloadUrl: string | undefined;

  constructor(kind: ArtifactListErrorKind, message: string, options: { downloadUrl?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.downloadUrl = options.downloadUrl;
  }
}

export function isArtifactListError(e: unknown): e is ArtifactListError {
  return e instanceof ArtifactListError;
}

function fromArchiveError(e: ArtifactArchiveError): ArtifactListError {
  return new ArtifactListError(e.kind, e.message, { downloadUrl: e.downloadUrl, cause: e });
}

// ---------------------------------------------------------------------------------------------
// Listing

function treeIsMissing(e: unknown, known: boolean | null | undefined): boolean {
  if (!(e instanceof GitLabError)) return false;
  if (e.status === 404) return true;
  // Version unknown: an old host may answer `tree` as a file inside the archive.
  if (known !== true) return e.status === 400 || e.status === 405 || e.kind === 'invalid-response' || e.kind === 'not-gitlab';
  return false;
}

function badArchive(e: unknown, downloadUrl: string): ArtifactListError {
  const why = e instanceof Error ? e.message : String(e);
  return new ArtifactListError('bad-archive', `The artifacts archive could not be read as a zip file (${why}).`, { downloadUrl, cause: e });
}

async function listViaTree(conn: Connection, project: ProjectRef, jobId: number, options: ListArtifactsOptions): Promise<ArtifactListing> {
  const { entries, truncated, pages } = await fetchArtifactTreeAll(conn, project, jobId, {
    signal: options.signal,
    onProgress: (p) => options.onProgress?.({ phase: 'tree', ...p }),
  });
  const raw: RawEntry[] = entries.map((e) => ({ path: e.path, directory: e.type === 'directory' || e.path.endsWith('/'), size: e.size ?? 0, mode: e.mode ?? null }));
  const { entries: list, skipped } = normaliseEntries(raw);
  return { entries: list, source: 'tree', bytesFetched: 0, requests: pages, skipped, truncated };
}

async function listViaZip(conn: Connection, project: ProjectRef, jobId: number, options: ListArtifactsOptions, meter: ByteMeter): Promise<ArtifactListing> {
  const { signal, onProgress } = options;
  const downloadUrl = artifactsArchiveUrl(conn, project, jobId);
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      const explained = await explainArchiveFailure(conn, project, jobId, e, signal);
      if (explained instanceof ArtifactArchiveError) throw fromArchiveError(explained);
      throw explained;
    }
  };

  let archiveSize = 0;
  const download = async (response: Response, contentLength: number | null): Promise<RawEntry[]> => {
    const total = contentLength ?? options.archiveSize ?? null;
    const blob = await guard(() => readBodyWithProgress(response, { url: downloadUrl, total, signal, meter, onProgress: (p) => onProgress?.({ phase: 'download', ...p }) }));
    archiveSize = blob.size;
    const { BlobReader, readZipEntries } = await loadZip();
    try {
      return await readZipEntries(new BlobReader(blob), onProgress);
    } catch (e) {
      throw badArchive(e, downloadUrl);
    }
  };

  const probe = await guard(() => probeArtifactsArchive(conn, project, jobId, ZIP_TAIL_BYTES, { signal, meter }));
  let raw: RawEntry[];
  let source: ListingSource;
  if (probe.kind === 'ranged') {
    archiveSize = probe.tail.total;
    source = 'zip-range';
    const size = archiveSize;
    onProgress?.({ phase: 'range', loaded: meter.bytes, archiveSize: size });
    const { RangedArchiveReader, readZipEntries } = await loadZip();
    const reader = new RangedArchiveReader(
      probe.tail,
      (start, end) => guard(() => fetchArtifactsArchiveRange(conn, project, jobId, start, end, { signal, meter })),
      () => onProgress?.({ phase: 'range', loaded: meter.bytes, archiveSize: size }),
    );
    try {
      raw = await readZipEntries(reader, onProgress);
    } catch (e) {
      if (e instanceof ArtifactListError && e.kind === 'bad-range') {
        // The host (or a proxy) answered one range but not the next: download it once instead.
        source = 'zip-download';
        const whole = await guard(() => openArtifactsArchive(conn, project, jobId, { signal, meter }));
        raw = await download(whole.response, whole.contentLength);
      } else if (e instanceof GitLabError || e instanceof ArtifactListError) {
        throw e;
      } else {
        throw badArchive(e, downloadUrl);
      }
    }
  } else {
    source = 'zip-download';
    raw = await download(probe.response, probe.contentLength);
  }
  const { entries, skipped } = normaliseEntries(raw);
  return { entries, source, bytesFetched: meter.bytes, requests: meter.requests, archiveSize, skipped, truncated: false };
}

/**
 * A job's artifacts as one flat list (directories synthesised, paths ending in "/" for
 * directories). Throws a GitLabError for GitLab's refusals (404: no artifacts), an
 * ArtifactListError for `storage-cors` (with `downloadUrl`), `bad-archive` and `bad-range`.
 */
export async function listArtifacts(conn: Connection, project: ProjectRef, jobId: number, options: ListArtifactsOptions = {}): Promise<ArtifactListing> {
  const tree = options.features?.artifactTree ?? null;
  if (!options.forceZip && tree !== false) {
    try {
      return await listViaTree(conn, project, jobId, options);
    } catch (e) {
      if (!treeIsMissing(e, tree)) throw e;
    }
  }
  const meter = createByteMeter();
  try {
    return await listViaZip(conn, project, jobId, options, meter);
  } catch (e) {
    if (e instanceof ArtifactArchiveError) throw fromArchiveError(e);
    throw e;
  }
}

/** Where a listing in progress says how far it got (`artifactListingProgressQueryOptions`). */
function listingProgressKey(conn: Connection, project: ProjectRef, jobId: number) {
  return [...gitlabKeys.jobArtifacts(conn, project, jobId), 'listing-progress'] as const;
}

/**
 * How far the job's listing got, while it runs: the listing's queryFn writes it here, in the
 * cache, so whoever shows the listing reads it (never fetched itself).
 */
export function artifactListingProgressQueryOptions(conn: Connection, project: ProjectRef, jobId: number) {
  return queryOptions<ListProgress | null>({ queryKey: listingProgressKey(conn, project, jobId), queryFn: skipToken, staleTime: Number.POSITIVE_INFINITY });
}

/**
 * The listing as a query; it lives under the job's key, so job actions invalidate it.
 * `artifactTree` (`gitlabFeatures(version).artifactTree`, null while unknown) picks the tree
 * endpoint or the zip, whose listings say where they came from: it is part of the key.
 */
export function artifactListingQueryOptions(conn: Connection, project: ProjectRef, jobId: number, artifactTree: boolean | null) {
  return queryOptions({
    queryKey: [...gitlabKeys.jobArtifacts(conn, project, jobId), 'listing', artifactTree] as const,
    queryFn: ({ signal, client }) =>
      listArtifacts(conn, project, jobId, { signal, features: { artifactTree }, onProgress: (p) => client.setQueryData(listingProgressKey(conn, project, jobId), p) }),
    // An archive never changes; it can only disappear, which the job's invalidation covers.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60 * 1000,
    retry: (count, error) => count < 2 && error instanceof GitLabError && error.retryable,
  });
}
