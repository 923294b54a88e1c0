// Test-only: the simulator as the client's fetch, and fetch wrappers that behave like a browser
// or a host the simulator does not model (no Range, a redirect to object storage without CORS).
import { createSim } from '../../../../gitlab-sim/index.ts';
import type { Sim, SimOptions } from '../../../../gitlab-sim/index.ts';
import { gitlabRequest } from '../../../gitlab/index.ts';
import type { Connection, FetchLike } from '../../../gitlab/index.ts';

export const HOST = 'http://sim.test';
export const TOKEN = 'glpat-sim-api';

export interface Seen {
  url: string;
  method: string;
  range: string | null;
  token: string | null;
}

/** The simulator as `fetch`, honouring abort like a real fetch, recording every request. */
export function simFetch(sim: Sim, seen: Seen[] = []): FetchLike {
  return (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, method: request.method, range: request.headers.get('range'), token: request.headers.get('private-token') });
    const signal = init?.signal;
    if (signal?.aborted) return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      sim.fetch(request).then(resolve, reject);
    });
  };
}

export function startSim(options: SimOptions = {}): { sim: Sim; seen: Seen[]; conn: Connection } {
  const sim = createSim({ paused: true, ...options });
  const seen: Seen[] = [];
  return { sim, seen, conn: { host: HOST, token: TOKEN, fetch: simFetch(sim, seen) } };
}

export async function setFaults(sim: Sim, faults: Record<string, unknown>): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }));
  if (res.status !== 200) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

interface JobRow {
  id: number;
  name: string;
  status: string;
  artifacts_file?: { size?: number } | null;
  erased_at?: string | null;
}

/** A job of project 1 with an archive (the seeded kept `compile` artifacts, or any other). */
export async function jobWithArtifacts(conn: Connection): Promise<{ id: number; name: string; archiveSize: number }> {
  for (let page = 1; page <= 5; page++) {
    const { data } = await gitlabRequest(conn, '/projects/1/jobs', { query: { scope: ['success'], per_page: 100, page } });
    const rows = data as JobRow[];
    const found = rows.find((j) => j.name === 'compile' && j.artifacts_file) ?? rows.find((j) => j.artifacts_file);
    if (found) return { id: found.id, name: found.name, archiveSize: found.artifacts_file?.size ?? 0 };
    if (rows.length < 100) break;
  }
  throw new Error('no job with artifacts in project 1');
}

/** A finished job of project 1 without an archive. */
export async function jobWithoutArtifacts(conn: Connection): Promise<number> {
  const { data } = await gitlabRequest(conn, '/projects/1/jobs', { query: { scope: ['failed', 'canceled'], per_page: 100 } });
  const job = (data as JobRow[]).find((j) => !j.artifacts_file);
  if (!job) throw new Error('no job without artifacts');
  return job.id;
}

const urlOf = (input: string | URL | Request): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

const isArchiveUrl = (url: string): boolean => /\/jobs\/\d+\/artifacts(?:\?|$)/.test(new URL(url).pathname + new URL(url).search);

/** A host (or proxy) that ignores Range: it drops the header, so every answer is the whole 200. */
export function withoutRange(inner: FetchLike): FetchLike {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('range');
    return inner(urlOf(input), { ...init, headers });
  };
}

/** CORS-safelisted response headers plus those GitLab exposes (FACTS.md "Transport"). */
const READABLE_HEADERS = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
  'link',
  'x-total',
  'x-total-pages',
  'x-per-page',
  'x-page',
  'x-next-page',
  'x-prev-page',
  'x-request-id',
  'etag',
]);

/** What a browser lets cross-origin JavaScript read of a GitLab answer: no Content-Range. */
export function browserVisibleHeaders(inner: FetchLike): FetchLike {
  return async (input, init) => {
    const res = await inner(input, init);
    const headers = new Headers();
    res.headers.forEach((value, name) => {
      if (READABLE_HEADERS.has(name.toLowerCase()) || name.toLowerCase().startsWith('x-gitlab-')) headers.set(name, value);
    });
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

export const STORAGE_URL = 'https://storage.example/artifacts-bucket/abc123/artifacts.zip?X-Amz-Signature=secret';

/**
 * GitLab with object storage, seen by a browser: the archive answers `302 Location: <storage>`,
 * fetch follows it, and the storage sends no CORS headers, so fetch throws `TypeError`; a
 * `no-cors` request still resolves (opaquely). Everything else passes through.
 */
export function storageRedirectWithoutCors(inner: FetchLike, log: string[] = []): FetchLike {
  return async (input, init) => {
    const url = urlOf(input);
    if (!isArchiveUrl(url)) return inner(input, init);
    log.push(`${init?.method ?? 'GET'} ${url} → 302 ${STORAGE_URL}`);
    if (init?.mode === 'no-cors') return Response.error(); // stands in for an opaque answer
    throw new TypeError('Failed to fetch');
  };
}

/**
 * Serves `body` for archive requests in place of the simulator's archive, Range honoured
 * (only for the first `rangedAnswers` ranged requests when given: a flaky proxy).
 */
export function archiveBytes(inner: FetchLike, body: Uint8Array, rangedAnswers = Number.POSITIVE_INFINITY): FetchLike {
  let answered = 0;
  return async (input, init) => {
    const url = urlOf(input);
    if (!isArchiveUrl(url)) return inner(input, init);
    let range = new Headers(init?.headers).get('range');
    if (range && answered++ >= rangedAnswers) range = null;
    const total = body.length;
    const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
    if (m) {
      const start = m[1] === '' ? Math.max(0, total - Number(m[2])) : Number(m[1]);
      const end = m[1] === '' || m[2] === '' ? total - 1 : Math.min(Number(m[2]), total - 1);
      return new Response(body.slice(start, end + 1), { status: 206, headers: { 'content-range': `bytes ${start}-${end}/${total}`, 'content-type': 'application/zip' } });
    }
    return new Response(body.slice(), { status: 200, headers: { 'content-length': String(total), 'content-type': 'application/zip' } });
  };
}
