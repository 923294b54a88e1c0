// Shared by this feature's tests: the in-process simulated GitLab as a connection, and seeded jobs found by name and status.
import { createSim, type Sim } from '../../../gitlab-sim/index.ts';
import { fetchJobsPage, type Connection, type FetchLike, type Job, type PageCursor } from '../../gitlab/index.ts';

export const HOST = 'http://sim.test';
export const API_TOKEN = 'glpat-sim-api';
export const READ_TOKEN = 'glpat-sim-read';

export function newSim(): Sim {
  return createSim({ paused: true, hugeLogBytes: 100_000 });
}

export function simFetch(sim: Sim): FetchLike {
  return (input, init) => sim.fetch(new Request(input, init));
}

export function simConnection(sim: Sim, token = API_TOKEN): Connection {
  return { host: HOST, token, fetch: simFetch(sim) };
}

/** The newest job of the project matching `test` (first 500 jobs, newest first). */
export async function findJob(conn: Connection, projectId: number, test: (job: Job) => boolean): Promise<Job> {
  let cursor: PageCursor | null = null;
  for (let i = 0; i < 5; i++) {
    const page = await fetchJobsPage(conn, projectId, { perPage: 100, pagination: 'offset' }, cursor);
    const hit = page.items.find(test);
    if (hit) return hit;
    if (!page.next) break;
    cursor = page.next;
  }
  throw new Error('no seeded job matches');
}

/** Admin knobs of the simulator. */
export async function simAdmin(sim: Sim, path: string, body: unknown): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  if (!res.ok) throw new Error(`sim ${path}: ${res.status}`);
}

/**
 * A connection whose writes lose their answer, as a proxy that strips CORS from answers does:
 * with `deliver` the simulated GitLab does the write and the browser never sees the answer;
 * without it the request never arrives. Reads (and the transport's CORS probe) get through.
 */
export function lossyConnection(sim: Sim, deliver: boolean): { conn: Connection; writes: string[] } {
  const writes: string[] = [];
  const base = simFetch(sim);
  const conn: Connection = {
    ...simConnection(sim),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' || request.method === 'HEAD') return base(request);
      writes.push(`${request.method} ${request.url}`);
      if (deliver) await base(request);
      throw new TypeError('Failed to fetch');
    },
  };
  return { conn, writes };
}
