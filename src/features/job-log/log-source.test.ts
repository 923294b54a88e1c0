import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import { recordingSimConnection } from '../../testing/sim-connection.ts';
import { GitLabError } from '../../gitlab/index.ts';
import { JobLogSource, liveLogPace, logSyncQueryOptions } from './log-source.ts';

interface ApiJob {
  id: number;
  name: string;
  status: string;
}

function setup() {
  const sim = createSim({ paused: true, hugeLogBytes: 300_000 });
  const calls: string[] = [];
  const connection = recordingSimConnection(sim, (url) => calls.push(url.pathname));
  const api = async <T>(path: string, method = 'GET'): Promise<T> =>
    (await (await sim.fetch(new Request(`http://sim.test/api/v4/projects/1${path}`, { method, headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }))).json()) as T;
  const clock = (body: unknown) => sim.fetch(new Request('http://sim.test/-/sim/clock', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
  return { sim, connection, api, clock, calls };
}

/** Resolves once the source's state satisfies `ok`. */
function until(source: JobLogSource, ok: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ok()) return resolve();
    const stop = source.subscribe(() => {
      if (ok()) {
        stop();
        resolve();
      }
    });
  });
}

let source: JobLogSource | null = null;
afterEach(() => {
  source?.stop();
  source = null;
  vi.useRealTimers();
});

describe('JobLogSource', () => {
  it('streams a whole log into the index in pieces and reports its size', async () => {
    const { connection, api } = setup();
    const huge = (await api<ApiJob[]>('/jobs?per_page=100&scope[]=success')).find((j) => j.name === 'huge-log');
    expect(huge).toBeDefined();
    source = new JobLogSource({ connection, project: 1, jobId: huge?.id ?? 0, batchChars: 50_000 });
    const s = source;
    const seen: number[] = [];
    s.subscribe(() => seen.push(s.getState().summary.lineCount));
    s.start();
    await s.sync();
    await until(s, () => s.getState().phase === 'ready' && !s.getState().streaming && s.getState().summary.length > 0);
    const text = await (await connection.fetch!(`http://sim.test/api/v4/projects/1/jobs/${huge?.id}/trace`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } })).text();
    expect(s.getState().summary.length).toBe(text.length);
    const lines = await s.client?.lines(0, 2);
    expect(lines?.[0]?.text).toContain('Running with gitlab-runner');
    // The screen heard about the log before it was all in.
    expect(seen.filter((n) => n > 0).length).toBeGreaterThanOrEqual(1);
  });

  it('parses only what was appended to a running job\'s log', async () => {
    const { connection, api, clock } = setup();
    const running = (await api<ApiJob[]>('/jobs?per_page=100&scope[]=running')).find((j) => j.name === 'rspec 1/3');
    expect(running).toBeDefined();
    source = new JobLogSource({ connection, project: 1, jobId: running?.id ?? 0 });
    const s = source;
    s.start();
    await s.sync();
    expect(s.getState().phase).toBe('ready');
    const first = s.getState().summary;
    const generation = s.getState().generation;
    await clock({ advance_ms: 120_000 });
    await s.sync();
    expect(s.getState().summary.length).toBeGreaterThan(first.length);
    expect(s.getState().generation).toBe(generation); // appended, not replaced
    expect(s.getState().summary.lineCount).toBeGreaterThan(first.lineCount);
  });

  it('polls as a query by the shared fault policy: fast while active, backing off on faults, never after the job finished', async () => {
    const { connection, api } = setup();
    const running = (await api<ApiJob[]>('/jobs?per_page=100&scope[]=running')).find((j) => j.name === 'rspec 1/3');
    source = new JobLogSource({ connection, project: 1, jobId: running?.id ?? 0 });
    const poll = { activeMs: 5_000, idleMs: 30_000 };
    const interval = (status: string, state: { data: unknown; error: unknown; errorUpdateCount?: number }) => {
      const fn = logSyncQueryOptions(source as JobLogSource, { jobStatus: status, poll }).refetchInterval;
      return typeof fn === 'function' ? fn({ state } as never) : fn;
    };
    const ok = { length: 1, syncedAt: 1, bytes: 1 };
    expect(interval('running', { data: ok, error: null })).toBe(5_000);
    expect(interval('pending', { data: ok, error: null })).toBe(5_000);
    expect(interval('success', { data: ok, error: null })).toBe(false);
    const cors = new GitLabError({ kind: 'cors', url: 'http://sim.test/api/v4/x' });
    expect(interval('running', { data: ok, error: cors, errorUpdateCount: 1 })).toBeGreaterThanOrEqual(10_000);
    const limited = new GitLabError({ kind: 'rate-limited', status: 429, url: 'http://sim.test/api/v4/x' });
    expect(interval('running', { data: ok, error: limited, errorUpdateCount: 1 })).toBeGreaterThanOrEqual(60_000);
    expect(logSyncQueryOptions(source, { jobStatus: 'running', poll }).retry).toBe(false);
    // Without intervals the log loads once.
    expect(logSyncQueryOptions(source, { jobStatus: 'running' }).refetchInterval).toBe(false);
  });

  it('makes no request with a token GitLab refused as expired', async () => {
    const { connection, api, calls } = setup();
    const done = (await api<ApiJob[]>('/jobs?per_page=100&scope[]=success')).find((j) => j.name === 'lint');
    const expired = { ...connection, token: 'glpat-sim-expired' };
    source = new JobLogSource({ connection: expired, project: 1, jobId: done?.id ?? 0 });
    source.start();
    await expect(source.sync()).rejects.toMatchObject({ kind: 'token-expired' });
    const asked = calls.length;
    await expect(source.sync()).rejects.toMatchObject({ kind: 'token-expired' });
    expect(calls.length).toBe(asked);
  });

  it('parses anew when the log shrank (erased) and says why a log is missing', async () => {
    const { connection, api } = setup();
    const done = (await api<ApiJob[]>('/jobs?per_page=100&scope[]=success')).find((j) => j.name === 'lint');
    source = new JobLogSource({ connection, project: 1, jobId: done?.id ?? 0 });
    const s = source;
    s.start();
    await s.sync();
    await until(s, () => s.getState().phase === 'ready' && s.getState().summary.length > 0);
    const generation = s.getState().generation;
    await api(`/jobs/${done?.id}/erase`, 'POST');
    await s.sync();
    expect(s.getState().summary.length).toBe(0);
    expect(s.getState().generation).toBe(generation + 1);

    const missing = new JobLogSource({ connection, project: 1, jobId: 987_654 });
    missing.start();
    await expect(missing.sync()).rejects.toMatchObject({ status: 404 });
    expect(missing.getState().phase).toBe('error');
    expect((missing.getState().error as { status?: number }).status).toBe(404);
    missing.stop();
  });
});

describe('following a running log within the bandwidth budget', () => {
  const MB = 1_000_000;
  const poll = { activeMs: 5_000, idleMs: 30_000 };

  it('keeps the usual pace for a small log and slows a big one to the budget', () => {
    expect(liveLogPace(0, 5_000)).toEqual({ intervalMs: 5_000, slowed: false });
    expect(liveLogPace(1 * MB, 5_000)).toEqual({ intervalMs: 5_000, slowed: false });
    expect(liveLogPace(2.5 * MB, 5_000)).toEqual({ intervalMs: 5_000, slowed: false });
    expect(liveLogPace(10 * MB, 5_000)).toEqual({ intervalMs: 20_000, slowed: true });
    expect(liveLogPace(50 * MB, 5_000)).toEqual({ intervalMs: 100_000, slowed: true });
    expect(liveLogPace(100 * MB, 5_000)).toEqual({ intervalMs: 200_000, slowed: true });
  });

  it('takes the longer of the budget and the fault policy', () => {
    const fake = { id: -1, describe: () => ({ connection: { host: 'http://sim.test', token: 't' }, project: 1, jobId: 1 }), sync: () => Promise.reject(new Error('unused')) };
    const fn = logSyncQueryOptions(fake, { jobStatus: 'running', poll }).refetchInterval;
    const at = (bytes: number, error: unknown = null) => (typeof fn === 'function' ? fn({ state: { data: { length: bytes, syncedAt: 0, bytes }, error, errorUpdateCount: error ? 1 : 0 } } as never) : fn);
    expect(at(100_000)).toBe(5_000);
    expect(at(50 * MB)).toBe(100_000);
    const limited = new GitLabError({ kind: 'rate-limited', status: 429, url: 'http://sim.test/api/v4/x' });
    expect(at(50 * MB, limited)).toBeGreaterThanOrEqual(100_000);
    expect(at(1 * MB, limited)).toBeGreaterThanOrEqual(60_000);
    // Finished: no poll, whatever the size.
    expect(logSyncQueryOptions(fake, { jobStatus: 'success', poll }).refetchInterval).toSatisfy((f) => typeof f === 'function' && f({ state: { data: { length: 1, syncedAt: 0, bytes: 50 * MB }, error: null } } as never) === false);
  });
});
