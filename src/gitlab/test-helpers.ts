// Shared by the tests that drive this layer against the simulated GitLab in-process
// (`*.sim.test.ts`): the simulator as a fetch, a browser's CORS rules over it, its fault knobs.
import { beforeEach, expect } from 'vitest';
import { createSim } from '../../gitlab-sim/index.ts';
import type { Sim } from '../../gitlab-sim/index.ts';
import { fetchJobsPage } from './api/jobs.ts';
import { GitLabError } from './errors.ts';
import type { Connection, FetchLike } from './transport.ts';
import type { Job } from './types.ts';

export const HOST = 'http://sim.test';
export const API = 'glpat-sim-api';
export const READ = 'glpat-sim-read';
export const EXPIRED = 'glpat-sim-expired';

/** The simulator as `fetch`: a Request in, a Response out, honouring abort like a real fetch. */
export function simFetch(sim: Sim): FetchLike {
  return (input, init) => {
    const request = new Request(input, init);
    const signal = init?.signal;
    if (signal?.aborted) return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      sim.fetch(request).then(resolve, reject);
    });
  };
}

/**
 * What a browser does with a host whose CORS headers are stripped: the preflight of a request
 * with PRIVATE-TOKEN fails, and so does any response without Access-Control-Allow-Origin, with
 * nothing but `TypeError: Failed to fetch`; a `no-cors` request still gets an opaque answer.
 */
export function browserFetch(inner: FetchLike): FetchLike {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.mode === 'no-cors') {
      await inner(url, { method: init.method, signal: init.signal });
      return new Response(null, { status: 200 }); // stands in for an opaque response
    }
    const headers = new Headers(init?.headers);
    const custom = [...headers.keys()].filter((h) => !['accept', 'accept-language', 'content-language'].includes(h));
    if (custom.length > 0) {
      const preflight = await inner(url, {
        method: 'OPTIONS',
        headers: { 'Access-Control-Request-Method': init?.method ?? 'GET', 'Access-Control-Request-Headers': custom.join(',') },
        signal: init?.signal,
      });
      if (!preflight.headers.get('access-control-allow-origin')) throw new TypeError('Failed to fetch');
    }
    const res = await inner(input, init);
    if (!res.headers.get('access-control-allow-origin')) throw new TypeError('Failed to fetch');
    return res;
  };
}

export async function setFaults(sim: Sim, faults: Record<string, unknown>): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }));
  expect(res.status).toBe(200);
}

export async function failure(p: Promise<unknown>): Promise<GitLabError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GitLabError);
    return e as GitLabError;
  }
  throw new Error('expected a GitLabError, but the call succeeded');
}

/**
 * The current test's simulator and its connections (write and read token), fresh for each test
 * of a file that calls `setUpSimConnections()`; read them as these live bindings.
 */
export let sim: Sim;
export let conn: Connection;
export let readConn: Connection;

/** Registers the hook that gives each test of the file a fresh `sim`, `conn` and `readConn`. */
export function setUpSimConnections(): void {
  beforeEach(() => {
    ({ sim, conn, readConn } = newSimConnections());
  });
}

/** A fresh paused simulator with a connection for the write token and one for the read token. */
export function newSimConnections(): { sim: Sim; conn: Connection; readConn: Connection } {
  const sim = createSim({ paused: true });
  return { sim, conn: { host: HOST, token: API, fetch: simFetch(sim) }, readConn: { host: HOST, token: READ, fetch: simFetch(sim) } };
}

/** The first page of project 1's jobs with `status`. */
export async function jobsWithStatus(conn: Connection, status: string): Promise<Job[]> {
  const page = await fetchJobsPage(conn, 1, { scope: [status], perPage: 100 });
  return page.items;
}
