// Listing a job's artifacts against the simulated GitLab, in-process: through the 18.8 tree
// endpoint, through the zip's central directory with Range (206) and without (200 + progress),
// and the failures a browser meets (hidden Content-Range, object storage without CORS).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACT_PATHS, buildArchive } from '../../../../gitlab-sim/content/artifacts.ts';
import { GitLabError, gitlabFeatures } from '../../../gitlab/index.ts';
import { ArtifactListError, listArtifacts } from './list-archive.ts';
import type { ArtifactListing, ListProgress } from './list-archive.ts';
import {
  HOST,
  STORAGE_URL,
  TOKEN,
  archiveBytes,
  browserVisibleHeaders,
  jobWithArtifacts,
  jobWithoutArtifacts,
  setFaults,
  startSim,
  storageRedirectWithoutCors,
  withoutRange,
} from './test-helpers.ts';

const PRE_TREE = gitlabFeatures('17.11.0-ee');
const WITH_TREE = gitlabFeatures('18.8.2-ee');

/** What both sources must agree on (the tree endpoint has no dates or compressed sizes). */
function shape(listing: ArtifactListing): string[] {
  return listing.entries.map((e) => `${e.type} ${e.path} ${e.type === 'file' ? e.size : '-'}`);
}

// One simulator for the file (seeding one takes a while); each test sets the version it needs.
const env = startSim();
const { sim, conn, seen } = env;
let job: { id: number; name: string; archiveSize: number };

beforeAll(async () => {
  job = await jobWithArtifacts(conn);
});

beforeEach(async () => {
  await setFaults(sim, { api_version: '17' });
  seen.length = 0;
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('listArtifacts through the tree endpoint (GitLab 18.8+)', () => {
  it('lists every entry, directories ending in "/", without touching the archive', async () => {
    await setFaults(sim, { api_version: '18.8.2-ee' });
    const listing = await listArtifacts(conn, 1, job.id, { features: WITH_TREE });
    expect(listing.source).toBe('tree');
    expect(listing.bytesFetched).toBe(0);
    const paths = listing.entries.map((e) => e.path);
    expect(paths).toContain(ARTIFACT_PATHS.junit);
    expect(paths).toContain('reports/');
    expect(paths).toContain('reports/coverage/lib/api/ci/');
    expect(paths).toContain(ARTIFACT_PATHS.unicodeName);
    for (const e of listing.entries) expect(e.path.endsWith('/')).toBe(e.type === 'directory');
    expect(seen.some((s) => s.url.includes('/artifacts/tree'))).toBe(true);
    expect(seen.some((s) => /\/artifacts$/.test(new URL(s.url).pathname))).toBe(false);
  });
});

describe('listArtifacts through the zip central directory', () => {
  it('reads the tail with Range (206) and lists what the tree endpoint lists, with dates and compressed sizes', async () => {
    await setFaults(sim, { api_version: '18.8.2-ee' });
    const viaTree = await listArtifacts(conn, 1, job.id, { features: WITH_TREE });
    await setFaults(sim, { api_version: '17' });
    seen.length = 0;
    const progress: ListProgress[] = [];
    const viaZip = await listArtifacts(conn, 1, job.id, { features: PRE_TREE, onProgress: (p) => progress.push(p) });
    expect(viaZip.source).toBe('zip-range');
    expect(shape(viaZip)).toEqual(shape(viaTree));
    expect(viaZip.archiveSize).toBe(job.archiveSize);
    // Small archive: the one suffix request covers it all; nothing is asked for twice.
    expect(viaZip.bytesFetched).toBeLessThanOrEqual(viaZip.archiveSize ?? 0);
    expect(seen.every((s) => !s.url.includes('/artifacts/tree'))).toBe(true);
    const archiveRequests = seen.filter((s) => /\/artifacts$/.test(new URL(s.url).pathname));
    expect(archiveRequests[0]?.range).toBe('bytes=-65557');
    expect(archiveRequests.every((s) => s.range !== null && s.token === TOKEN)).toBe(true);
    expect(seen.every((s) => !s.url.includes(TOKEN))).toBe(true);

    const json = viaZip.entries.find((e) => e.path === ARTIFACT_PATHS.summary);
    expect(json?.compressedSize).toBeGreaterThan(0);
    expect(json?.modified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(json?.mode).toBe('100644');
    expect(viaZip.entries.find((e) => e.path === ARTIFACT_PATHS.binary)?.mode).toBe('100755');
    expect(progress.some((p) => p.phase === 'range')).toBe(true);
  });

  it('falls back from the tree endpoint when the version is unknown and the host answers 404', async () => {
    await setFaults(sim, { api_version: '15' });
    seen.length = 0;
    const listing = await listArtifacts(conn, 1, job.id, { features: null });
    expect(listing.source).toBe('zip-range');
    expect(seen.filter((s) => s.url.includes('/artifacts/tree'))).toHaveLength(1);
    expect(listing.entries.map((e) => e.path)).toContain(ARTIFACT_PATHS.image);
  });

  it('falls back when the version claims the tree endpoint but the host 404s it', async () => {
    const listing = await listArtifacts(conn, 1, job.id, { features: WITH_TREE });
    expect(listing.source).toBe('zip-range');
  });

  it('reads only the central directory of a large archive: a few ranged requests', async () => {
    // A 3,000-file archive of ~6 MB served in place of the job's own.
    const big = buildArchive({ seed: 7, jobName: 'bulk', fileCount: 3000, totalBytes: 6_000_000 });
    const wrapped = { ...conn, fetch: archiveBytes(conn.fetch ?? fetch, big.zip) };
    seen.length = 0;
    const listing = await listArtifacts(wrapped, 1, job.id, { features: PRE_TREE });
    expect(listing.source).toBe('zip-range');
    expect(listing.entries.filter((e) => e.type === 'file')).toHaveLength(big.entries.filter((e) => e.type === 'file').length);
    expect(new Set(listing.entries.map((e) => e.path))).toEqual(new Set(big.entries.map((e) => e.path)));
    expect(listing.archiveSize).toBe(big.zip.length);
    expect(listing.bytesFetched / big.zip.length).toBeLessThan(0.1);
    expect(listing.requests).toBeLessThanOrEqual(3);
  });

  it('works out the size from the zip end record when the browser hides Content-Range (CORS)', async () => {
    const big = buildArchive({ seed: 3, jobName: 'hidden', fileCount: 800, totalBytes: 2_000_000 });
    const browser = { ...conn, fetch: browserVisibleHeaders(archiveBytes(conn.fetch ?? fetch, big.zip)) };
    const listing = await listArtifacts(browser, 1, job.id, { features: PRE_TREE });
    expect(listing.source).toBe('zip-range');
    expect(listing.archiveSize).toBe(big.zip.length);
    expect(listing.entries.filter((e) => e.type === 'file')).toHaveLength(800);
  });

  it('downloads the whole archive once, with progress, when the host ignores Range (200)', async () => {
    await setFaults(sim, { api_version: '18.8.2-ee' });
    const viaTree = await listArtifacts(conn, 1, job.id, { features: WITH_TREE });
    await setFaults(sim, { api_version: '17' });
    seen.length = 0;
    const noRange = { ...conn, fetch: withoutRange(conn.fetch ?? fetch) };
    const progress: ListProgress[] = [];
    const listing = await listArtifacts(noRange, 1, job.id, { features: PRE_TREE, onProgress: (p) => progress.push(p) });
    expect(listing.source).toBe('zip-download');
    expect(shape(listing)).toEqual(shape(viaTree));
    expect(listing.bytesFetched).toBe(job.archiveSize);
    expect(seen.filter((s) => /\/artifacts$/.test(new URL(s.url).pathname))).toHaveLength(1);
    const downloads = progress.filter((p): p is Extract<ListProgress, { phase: 'download' }> => p.phase === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.at(-1)?.loaded).toBe(job.archiveSize);
    expect(downloads.at(-1)?.total).toBe(job.archiveSize);
    for (let i = 1; i < downloads.length; i++) expect(downloads[i]?.loaded).toBeGreaterThanOrEqual(downloads[i - 1]?.loaded ?? 0);
  });

  it('downloads the archive once when the host answers the first range but not the next', async () => {
    const big = buildArchive({ seed: 5, jobName: 'flaky', fileCount: 1500, totalBytes: 3_000_000 });
    const flaky = { ...conn, fetch: archiveBytes(conn.fetch ?? fetch, big.zip, 1) };
    const progress: ListProgress[] = [];
    const listing = await listArtifacts(flaky, 1, job.id, { features: PRE_TREE, onProgress: (p) => progress.push(p) });
    expect(listing.source).toBe('zip-download');
    expect(listing.entries.filter((e) => e.type === 'file')).toHaveLength(1500);
    expect(listing.archiveSize).toBe(big.zip.length);
    expect(progress.some((p) => p.phase === 'download')).toBe(true);
  });

  it('says "storage-cors" with GitLab\'s plain download URL when a 302 to object storage cannot be read', async () => {
    const log: string[] = [];
    const browser = { ...conn, fetch: storageRedirectWithoutCors(conn.fetch ?? fetch, log) };
    const error = await failure(listArtifacts(browser, 1, job.id, { features: PRE_TREE }));
    expect(error).toBeInstanceOf(ArtifactListError);
    const e = error as ArtifactListError;
    expect(e.kind).toBe('storage-cors');
    expect(e.downloadUrl).toBe(`${HOST}/api/v4/projects/1/jobs/${job.id}/artifacts`);
    expect(e.downloadUrl).not.toContain(TOKEN);
    expect(e.downloadUrl).not.toContain(new URL(STORAGE_URL).host);
    expect(e.message).toMatch(/object storage/);
    expect(log.length).toBeGreaterThan(0);
  });

  it('leaves GitLab itself being unreachable as the transport said (not storage-cors)', async () => {
    const down = { ...conn, fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    const error = await failure(listArtifacts(down, 1, job.id, { features: PRE_TREE }));
    expect(error).toBeInstanceOf(GitLabError);
    expect((error as GitLabError).kind).toBe('network');
  });

  it('passes GitLab\'s 404 on a job without artifacts through', async () => {
    const jobId = await jobWithoutArtifacts(conn);
    const error = await failure(listArtifacts(conn, 1, jobId, { features: PRE_TREE }));
    expect(error).toBeInstanceOf(GitLabError);
    expect((error as GitLabError).kind).toBe('not-found');
  });

  it('reports a body that is not a zip as bad-archive', async () => {
    const junk = new TextEncoder().encode('<html>not a zip</html>'.repeat(10));
    const error = await failure(listArtifacts({ ...conn, fetch: archiveBytes(conn.fetch ?? fetch, junk) }, 1, job.id, { features: PRE_TREE }));
    expect(error).toBeInstanceOf(ArtifactListError);
    expect((error as ArtifactListError).kind).toBe('bad-archive');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(listArtifacts(conn, 1, job.id, { features: PRE_TREE, signal: controller.signal }));
    expect(error).toBeInstanceOf(GitLabError);
    expect((error as GitLabError).kind).toBe('aborted');
  });
});
