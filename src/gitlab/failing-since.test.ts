import { describe, expect, it } from 'vitest';
import { culpritOf, latestAttempt, pipelineRedRun, walkFailingSince } from './failing-since.ts';
import type { HistoryEntry, HistoryJob, HistoryPipeline } from './failing-since.ts';

// A history as a string, newest first: one letter per pipeline for the job `unit`:
// F failed, P passed, S skipped, A absent, R a running pipeline, ? jobs not fetched (pipeline failed),
// + jobs not fetched (pipeline succeeded).
function history(spec: string): { start: HistoryEntry & { jobs: HistoryJob[] }; older: HistoryEntry[] } {
  const entries = [...spec].map((c, i): HistoryEntry => {
    const id = 100 - i;
    const pipeline: HistoryPipeline = { id, iid: id - 90, status: c === 'R' ? 'running' : c === 'P' || c === '+' ? 'success' : 'failed' };
    if (c === '?' || c === '+') return { pipeline };
    const jobs: HistoryJob[] = [];
    if (c === 'F' || c === 'P' || c === 'S' || c === 'R') {
      jobs.push({ id: id * 10, name: 'unit', status: c === 'F' ? 'failed' : c === 'P' ? 'success' : c === 'S' ? 'skipped' : 'running' });
    }
    jobs.push({ id: id * 10 + 1, name: 'other', status: 'success' });
    return { pipeline, jobs };
  });
  const [first, ...older] = entries;
  if (!first?.jobs) throw new Error('the start pipeline needs jobs');
  return { start: { pipeline: first.pipeline, jobs: [...first.jobs] }, older };
}

function walk(spec: string, options: Parameters<typeof walkFailingSince>[3] = {}) {
  const { start, older } = history(spec);
  const { results, fetch, needMore } = walkFailingSince(['unit'], start, older, options);
  const r = results.get('unit');
  if (!r) throw new Error('no result');
  return { ...r, sinceId: r.since?.pipeline.id ?? null, fetch, needMore };
}

describe('walkFailingSince', () => {
  it.each([
    // spec, since, failures, bound, flaky
    ['FFFP', 98, 3, 'passed', false], // broken three pipelines ago
    ['FP', 100, 1, 'passed', false], // broken by the newest pipeline
    ['FPFP', 100, 1, 'passed', true], // flaky: red, green, red
    ['FPPF', 100, 1, 'passed', true], // flaky within the look-back of two
    ['FPPPF', 100, 1, 'passed', false], // a failure long before is not flakiness
    ['FSFAFRP', 96, 3, 'passed', false], // skipped, absent and unfinished say nothing
    ['FFFF', 97, 4, 'never-passed', false], // the history ends: never passed on this ref
  ] as const)('%s: since #%s, %s failures, bound %s, flaky %s', (spec, since, failures, bound, flaky) => {
    const r = walk(spec, { exhausted: true });
    expect(r.state).toBe('failing');
    expect(r.sinceId).toBe(since);
    expect(r.failures).toBe(failures);
    expect(r.bound).toBe(bound);
    expect(r.flaky).toBe(flaky);
  });

  it('stops at its window: the run is at least that long', () => {
    const r = walk('FFFFFF', { window: 3, exhausted: true });
    expect(r.bound).toBe('window');
    expect(r.sinceId).toBe(97);
    expect(r.failures).toBe(4);
  });

  it('a job that did not fail in the start pipeline is not failing', () => {
    expect(walk('PFF').state).toBe('not-failing');
    expect(walk('AFF').state).toBe('not-failing');
  });

  it('asks for the jobs it needs, in order; only the job itself ends its run', () => {
    const r = walk('F??+', { exhausted: true });
    expect(r.state).toBe('pending');
    expect(r.fetch).toEqual([99]);
    // A green pipeline may not have had the job at all: its jobs are read.
    expect(walk('FF+F', { exhausted: true }).fetch).toEqual([98]);
    // In the flaky look-back a green pipeline is no failure, without reading its jobs.
    expect(walk('FFP++', { exhausted: true })).toMatchObject({ state: 'failing', sinceId: 99, bound: 'passed', flaky: false, fetch: [] });
  });

  it('reads the look-back of a job allowed to fail, and of mixed lineages', () => {
    const { start, older } = history('FP+');
    const job = start.jobs[0];
    if (!job) throw new Error('no job');
    start.jobs[0] = { ...job, allow_failure: true };
    expect(walkFailingSince(['unit'], start, older, { exhausted: true }).fetch).toEqual([98]);
    expect(walk('FP+', { exhausted: true, inferPass: false }).fetch).toEqual([98]);
  });

  it('reads the latest attempt of a retried job (the highest id)', () => {
    const start = {
      pipeline: { id: 10, status: 'failed' },
      jobs: [
        { id: 1, name: 'unit', status: 'failed' },
        { id: 3, name: 'unit', status: 'failed' },
      ],
    };
    const older: HistoryEntry[] = [
      // Failed, then retried green: that pipeline passed.
      { pipeline: { id: 9, status: 'success' }, jobs: [{ id: 7, name: 'unit', status: 'success' }, { id: 5, name: 'unit', status: 'failed' }] },
    ];
    const r = walkFailingSince(['unit'], start, older, { exhausted: true }).results.get('unit');
    expect(r?.since?.job?.id).toBe(3);
    expect(r?.bound).toBe('passed');
    expect(latestAttempt(older[0]?.jobs ?? [], 'unit')?.status).toBe('success');
    // In the start pipeline the retry passed: not failing.
    const retried = { ...start, jobs: [...start.jobs, { id: 4, name: 'unit', status: 'success' }] };
    expect(walkFailingSince(['unit'], retried, older).results.get('unit')?.state).toBe('not-failing');
  });

  it('waits for more pipelines when told more can come, within its window', () => {
    const r = walk('FF', { more: true });
    expect(r.state).toBe('pending');
    expect(r.needMore).toBe(true);
    const full = walk('FF', { more: true, window: 1 });
    expect(full.needMore).toBe(false);
    expect(full.bound).toBe('window');
  });
});

describe('pipelineRedRun', () => {
  const p = (id: number, status: string): HistoryPipeline => ({ id, status });

  it('finds the first failed pipeline of the current red run', () => {
    const run = pipelineRedRun([p(9, 'running'), p(8, 'failed'), p(7, 'canceled'), p(6, 'failed'), p(5, 'success'), p(4, 'failed')]);
    expect(run).toMatchObject({ state: 'failing', failures: 2, bound: 'passed' });
    expect(run.latest?.id).toBe(8);
    expect(run.since?.id).toBe(6);
    expect(run.lastPassed?.id).toBe(5);
  });

  it('is passing when the newest finished pipeline passed, unknown without one', () => {
    expect(pipelineRedRun([p(3, 'running'), p(2, 'success'), p(1, 'failed')]).state).toBe('passing');
    expect(pipelineRedRun([p(3, 'running'), p(2, 'canceled')]).state).toBe('unknown');
  });

  it('says never-passed when the history ends red, window when it is cut', () => {
    expect(pipelineRedRun([p(2, 'failed'), p(1, 'failed')], { exhausted: true }).bound).toBe('never-passed');
    expect(pipelineRedRun([p(3, 'failed'), p(2, 'failed'), p(1, 'success')], { window: 2 })).toMatchObject({ bound: 'window', failures: 2 });
  });
});

describe('culpritOf', () => {
  it('names the commit and its author from a job, else the pipeline', () => {
    const pipeline = { id: 1724, iid: 88, status: 'failed', sha: 'b08c584aa11', created_at: '2026-01-01T00:00:00Z', web_url: 'https://g/x/-/pipelines/1724' };
    const job = { id: 1, name: 'unit', status: 'failed', commit: { short_id: 'b08c584', title: 'Log slow SQL queries', author_name: 'Alice' } };
    expect(culpritOf(pipeline, job)).toEqual({
      pipelineId: 1724,
      pipelineIid: 88,
      pipelineUrl: 'https://g/x/-/pipelines/1724',
      shortSha: 'b08c584',
      title: 'Log slow SQL queries',
      author: 'Alice',
      at: '2026-01-01T00:00:00Z',
    });
    expect(culpritOf(pipeline, null)).toMatchObject({ shortSha: 'b08c584a', title: null, author: null });
  });
});
