// A small in-process client for the simulator's own tests.
import { expect } from 'vitest';
import type { Sim } from '../index.ts';
import { validateJob } from '../test-support/schemas.ts';

export const API_TOKEN = 'glpat-sim-api';
export const READ_TOKEN = 'glpat-sim-read';
export const BASE = 'http://sim.test';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface RequestOptions {
  method?: string;
  token?: string | null;
  headers?: Record<string, string>;
  json?: unknown;
}

export async function call(sim: Sim, path: string, opts: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? API_TOKEN : opts.token;
  if (token !== null) headers['PRIVATE-TOKEN'] = token;
  if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await sim.fetch(
    new Request(BASE + path, {
      method: opts.method ?? 'GET',
      headers,
      ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}),
    }),
  );
  const text = await res.text();
  let body: unknown = undefined;
  if (res.headers.get('Content-Type')?.includes('application/json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body };
}

export async function admin(sim: Sim, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await sim.fetch(
    new Request(`${BASE}/-/sim/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export type JobJson = Record<string, unknown> & { id: number; name: string; status: string };

/** Every job of a project (jobs list, 100 per page), newest first. */
export async function allJobs(sim: Sim, projectId: number): Promise<JobJson[]> {
  const out: JobJson[] = [];
  for (let page = 1; page < 100; page++) {
    const r = await call(sim, `/api/v4/projects/${projectId}/jobs?per_page=100&page=${page}`);
    const items = r.body as JobJson[];
    out.push(...items);
    if (r.headers.get('X-Next-Page') === '') break;
  }
  return out;
}

export function findJob(jobs: JobJson[], pred: (j: JobJson) => boolean, what: string): JobJson {
  const job = jobs.find(pred);
  if (!job) throw new Error(`no job: ${what}`);
  return job;
}

export function pipelineOf(job: JobJson): { id: number; ref: string } {
  return job.pipeline as { id: number; ref: string };
}

/** Fails the test with the schema's complaints unless `v` is a valid job.json. */
export function expectValidJob(v: unknown): void {
  expect(validateJob(v)).toEqual([]);
}

/** A finished trigger job (bridge) of one of project 1's last successful pipelines. */
export async function firstBridge(sim: Sim): Promise<JobJson> {
  const pipelines = (await call(sim, '/api/v4/projects/1/pipelines?status=success&per_page=5')).body as { id: number }[];
  for (const p of pipelines) {
    const bridges = (await call(sim, `/api/v4/projects/1/pipelines/${p.id}/bridges`)).body as JobJson[];
    const b = bridges.find((x) => x.status === 'success');
    if (b) return b;
  }
  throw new Error('no finished bridge');
}
