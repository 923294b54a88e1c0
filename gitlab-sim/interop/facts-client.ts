// The client of the FACTS.md tests (facts*.test.ts): requests to the in-process simulator and
// the seeded jobs they need, written apart from the simulator's own test client (testing/) so
// that the two readings of FACTS.md check each other.
import { expect } from 'vitest';
import { createSim } from '../index.ts';
import type { Sim, SimOptions } from '../index.ts';

/** A job whose `artifacts[]` lists an archive (its log's `trace` row does not count). */
export function hasArchiveRow(j: Json): boolean {
  return Array.isArray(j.artifacts) && j.artifacts.some((a) => (a as Json).file_type === 'archive');
}

export const HOST = 'http://sim.test';
export const API = 'glpat-sim-api';
export const READ = 'glpat-sim-read';

export type Json = Record<string, unknown>;
export interface Reply { status: number; headers: Headers; text: string; body: unknown; bytes: Uint8Array }

export async function req(sim: Sim, method: string, path: string, opts: { token?: string | null; headers?: Record<string, string>; json?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? API : opts.token;
  if (token !== null) headers['PRIVATE-TOKEN'] = token;
  if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await sim.fetch(new Request(HOST + path, { method, headers, ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}) }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: unknown = text;
  if (res.headers.get('Content-Type')?.includes('application/json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body, bytes };
}

export function sim(opts: SimOptions = {}): Sim {
  return createSim({ paused: true, jobsRateLimitPerMinute: 100_000, ...opts });
}

export async function jobs(s: Sim, pid: number, query = ''): Promise<Json[]> {
  const r = await req(s, 'GET', `/api/v4/projects/${pid}/jobs?per_page=100${query}`);
  return r.body as Json[];
}

export async function pick(s: Sim, scope: string, pred: (j: Json) => boolean = () => true, pid = 1): Promise<Json> {
  const list = await jobs(s, pid, `&scope[]=${scope}`);
  const job = list.find((j) => (j.pipeline as Json).ref !== 'production' && pred(j));
  if (!job) throw new Error(`no ${scope} job`);
  return job;
}

export async function advance(s: Sim, ms: number): Promise<void> {
  const r = await s.fetch(new Request(`${HOST}/-/sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_ms: ms }) }));
  expect(r.status).toBe(200);
}

export async function anyBridge(s: Sim): Promise<Json> {
  const pipelines = (await req(s, 'GET', '/api/v4/projects/1/pipelines?per_page=100')).body as Json[];
  for (const p of pipelines) {
    const bridges = (await req(s, 'GET', `/api/v4/projects/1/pipelines/${String(p.id)}/bridges`)).body as Json[];
    const b = bridges.find((x) => x.status === 'success');
    if (b) return b;
  }
  throw new Error('no bridge');
}
