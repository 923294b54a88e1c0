// Byte ranges of a job's archive, file heads and tree pages, against the simulated GitLab in-process.
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import { GitLabError } from '../errors.ts';
import { gitlabRequest } from '../transport.ts';
import type { Connection, FetchLike } from '../transport.ts';
import {
  ArtifactArchiveError,
  artifactsArchiveUrl,
  artifactsWebDownloadUrl,
  createByteMeter,
  explainArchiveFailure,
  fetchArtifactFileHead,
  fetchArtifactTreeAll,
  fetchArtifactsArchiveRange,
  parseContentRange,
  probeArtifactsArchive,
  zipSizeFromTail,
} from './artifact-archive.ts';

const HOST = 'http://sim.test';
const TOKEN = 'glpat-sim-api';
const sim = createSim({ paused: true });
const urls: string[] = [];
const simFetch: FetchLike = (input, init) => {
  const request = new Request(input, init);
  urls.push(request.url);
  return sim.fetch(request);
};
const conn: Connection = { host: HOST, token: TOKEN, fetch: simFetch };

/** Only what a browser shows cross-origin JS of a GitLab answer: Content-Range is not exposed. */
const hideContentRange: FetchLike = async (input, init) => {
  const res = await simFetch(input, init);
  const headers = new Headers(res.headers);
  headers.delete('content-range');
  return new Response(res.body, { status: res.status, headers });
};

let jobId = 0;
let whole = new Uint8Array();

beforeAll(async () => {
  const { data } = await gitlabRequest(conn, '/projects/1/jobs', { query: { scope: ['success'], per_page: 100 } });
  const job = (data as { id: number; artifacts_file?: unknown }[]).find((j) => j.artifacts_file);
  if (!job) throw new Error('no job with artifacts');
  jobId = job.id;
  const res = await gitlabRequest(conn, `/projects/1/jobs/${jobId}/artifacts`, { responseType: 'blob' });
  whole = new Uint8Array(await res.data.arrayBuffer());
});

describe('parseContentRange', () => {
  it.each([
    ['bytes 0-9/100', { start: 0, end: 9, total: 100 }],
    ['bytes 90-99/*', { start: 90, end: 99 }],
    ['BYTES 5-5/6', { start: 5, end: 5, total: 6 }],
    ['bytes */100', null],
    ['bytes 9-0/100', null],
    [null, null],
  ])('%j', (header, parsed) => {
    expect(parseContentRange(header)).toEqual(parsed);
  });
});

describe('zipSizeFromTail', () => {
  const zip = zipSync({ 'a.txt': new TextEncoder().encode('hello '.repeat(5000)), 'dir/b.bin': new Uint8Array(3000).fill(7) }, { comment: 'a zip comment' });

  it('finds the size from the end record in any tail that holds it', () => {
    for (const n of [22 + 13, 200, 4000, zip.length]) expect(zipSizeFromTail(zip.subarray(zip.length - n))).toBe(zip.length);
  });

  it('says null when there is no end record', () => {
    expect(zipSizeFromTail(zip.subarray(0, 100))).toBeNull();
    expect(zipSizeFromTail(new TextEncoder().encode('not a zip at all, not at all'))).toBeNull();
  });

  it('reads a zip64 end record through its locator', () => {
    // [zip64 end record (56)] [locator (20)] [end record (22) with 0xFFFFFFFF offsets], the
    // zip64 record standing at absolute offset 5,000,000,000.
    const tail = new Uint8Array(100 + 56 + 20 + 22);
    const v = new DataView(tail.buffer);
    const q = 100;
    v.setUint32(q, 0x06064b50, true);
    v.setBigUint64(q + 4, 44n, true);
    const loc = q + 56;
    v.setUint32(loc, 0x07064b50, true);
    v.setBigUint64(loc + 8, 5_000_000_000n, true);
    const eocd = loc + 20;
    v.setUint32(eocd, 0x06054b50, true);
    v.setUint16(eocd + 10, 0xffff, true);
    v.setUint32(eocd + 12, 0xffffffff, true);
    v.setUint32(eocd + 16, 0xffffffff, true);
    expect(zipSizeFromTail(tail)).toBe(5_000_000_000 + 56 + 20 + 22);
  });
});

describe('probeArtifactsArchive', () => {
  it('gets the tail and the size from Content-Range (206)', async () => {
    const meter = createByteMeter();
    const probe = await probeArtifactsArchive(conn, 1, jobId, 1000, { meter });
    expect(probe.kind).toBe('ranged');
    if (probe.kind !== 'ranged') return;
    expect(probe.tail).toMatchObject({ start: whole.length - 1000, total: whole.length, totalFrom: 'content-range' });
    expect(probe.tail.bytes).toEqual(whole.subarray(whole.length - 1000));
    expect(meter).toEqual({ bytes: 1000, requests: 1 });
  });

  it('works the size out from the zip when the browser hides Content-Range', async () => {
    const probe = await probeArtifactsArchive({ ...conn, fetch: hideContentRange }, 1, jobId, 1000);
    expect(probe.kind === 'ranged' && probe.tail).toMatchObject({ start: whole.length - 1000, total: whole.length, totalFrom: 'zip-end-record' });
    const all = await probeArtifactsArchive({ ...conn, fetch: hideContentRange }, 1, jobId, whole.length + 10);
    expect(all.kind === 'ranged' && all.tail).toMatchObject({ start: 0, total: whole.length, totalFrom: 'whole' });
  });

  it('hands over the unread whole archive when the host ignores Range (200)', async () => {
    const noRange: FetchLike = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('range');
      return simFetch(input, { ...init, headers });
    };
    const probe = await probeArtifactsArchive({ ...conn, fetch: noRange }, 1, jobId);
    expect(probe.kind).toBe('whole');
    if (probe.kind !== 'whole') return;
    expect(probe.contentLength).toBe(whole.length);
    expect(new Uint8Array(await probe.response.arrayBuffer())).toEqual(whole);
  });
});

describe('fetchArtifactsArchiveRange', () => {
  it('fetches exactly the bytes asked for', async () => {
    const meter = createByteMeter();
    expect(await fetchArtifactsArchiveRange(conn, 1, jobId, 10, 110, { meter })).toEqual(whole.subarray(10, 110));
    expect(meter.bytes).toBe(100);
    expect(await fetchArtifactsArchiveRange(conn, 1, jobId, 5, 5)).toHaveLength(0);
  });

  it('refuses a 200 instead of downloading the whole archive for a few bytes', async () => {
    const noRange: FetchLike = (input, init) => simFetch(input, { ...init, headers: { accept: '*/*', 'private-token': TOKEN } });
    await expect(fetchArtifactsArchiveRange({ ...conn, fetch: noRange }, 1, jobId, 0, 10)).rejects.toMatchObject({ name: 'ArtifactArchiveError', kind: 'bad-range' });
  });
});

describe('fetchArtifactFileHead', () => {
  it('reads only up to maxBytes and says whether more follows', async () => {
    const head = await fetchArtifactFileHead(conn, 1, jobId, 'reports/junit.xml', { maxBytes: 64 });
    expect(head.bytes).toHaveLength(64);
    expect(head.truncated).toBe(true);
    expect(new TextDecoder().decode(head.bytes)).toMatch(/^<\?xml version="1.0"/);
    const all = await fetchArtifactFileHead(conn, 1, jobId, 'reports/junit.xml', { maxBytes: 1_000_000 });
    expect(all.truncated).toBe(false);
    expect(all.size).toBe(all.bytes.length);
    const exact = await fetchArtifactFileHead(conn, 1, jobId, 'reports/junit.xml', { maxBytes: all.bytes.length });
    expect(exact.truncated).toBe(false);
    expect(exact.bytes).toEqual(all.bytes);
  });

  it('passes GitLab\'s 404 through', async () => {
    await expect(fetchArtifactFileHead(conn, 1, jobId, 'nope.txt', { maxBytes: 10 })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('fetchArtifactTreeAll', () => {
  it('lists the whole tree recursively, with progress', async () => {
    const progress: number[] = [];
    const { entries, truncated, pages } = await fetchArtifactTreeAll(conn, 1, jobId, { onProgress: (p) => progress.push(p.entries) });
    expect(truncated).toBe(false);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(entries.map((e) => e.path)).toContain('reports/coverage/lib/api/ci/jobs.rb.html');
    expect(progress.at(-1)).toBe(entries.length);
  });
});

describe('URLs and the storage-CORS explanation', () => {
  it('gives GitLab\'s plain archive URL and the web download URL, never a token', () => {
    expect(artifactsArchiveUrl(conn, 'acme/platform/backend', 42)).toBe(`${HOST}/api/v4/projects/acme%2Fplatform%2Fbackend/jobs/42/artifacts`);
    expect(artifactsWebDownloadUrl({ host: 'https://example.com/gitlab/' }, 'acme/platform/backend', 42)).toBe('https://example.com/gitlab/acme/platform/backend/-/jobs/42/artifacts/download');
    expect(artifactsWebDownloadUrl(conn, 1, 42)).toBeNull();
    expect(urls.every((u) => !u.includes(TOKEN))).toBe(true);
  });

  it('calls a CORS failure past a reachable GitLab "storage-cors", and leaves other failures alone', async () => {
    const cors = new GitLabError({ kind: 'cors', url: artifactsArchiveUrl(conn, 1, jobId) });
    const explained = await explainArchiveFailure(conn, 1, jobId, cors);
    expect(explained).toBeInstanceOf(ArtifactArchiveError);
    expect(explained).toMatchObject({ kind: 'storage-cors', downloadUrl: `${HOST}/api/v4/projects/1/jobs/${jobId}/artifacts` });
    // GitLab answering the check at all (here 404 for an unknown job) is proof enough.
    expect(await explainArchiveFailure(conn, 1, 987_654_321, cors)).toMatchObject({ kind: 'storage-cors' });
    const notFound = new GitLabError({ kind: 'not-found', url: 'x', status: 404 });
    expect(await explainArchiveFailure(conn, 1, jobId, notFound)).toBe(notFound);
    const down: Connection = { ...conn, fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    expect(await explainArchiveFailure(down, 1, jobId, cors)).toBe(cors);
  });
});
