import { describe, expect, it } from 'vitest';
import { EMPTY_TILE_DATA, type TileData, type TilePipeline, type TileTarget } from './tile-data.ts';
import { formatSpan, isStale, tileView } from './tile-view.ts';

const T0 = Date.parse('2026-12-03T10:00:00Z');
const MIN = 60_000;
const target: TileTarget = { key: 'acme/web@main', project: 'acme/web', path: 'acme/web', name: 'Web', webUrl: null, ref: 'main', order: 0 };

function pipe(id: number, status: string, createdMin: number, updatedMin: number): TilePipeline {
  return { id, iid: id, status, source: 'push', sha: null, created_at: new Date(T0 + createdMin * MIN).toISOString(), updated_at: new Date(T0 + updatedMin * MIN).toISOString(), web_url: `https://gitlab.test/p/${id}` };
}

function data(pipelines: TilePipeline[], extra: Partial<TileData> = {}): TileData {
  return { ...EMPTY_TILE_DATA, pipelines, ...extra };
}

describe('tileView', () => {
  it('red: failing since the first failure of the run, who broke it, the failing jobs and +N more', () => {
    const view = tileView(
      target,
      data([pipe(5, 'failed', 40, 45), pipe(4, 'failed', 20, 26), pipe(3, 'success', 0, 5)], {
        culprit: { pipelineId: 4, pipelineIid: 4, pipelineUrl: null, author: 'Carol Tester', title: 'Break the build', shortSha: 'abcd1234', at: null },
        redJobs: {
          pipelineId: 5, updatedAt: null, status: 'failed', total: 5,
          items: ['unit', 'lint', 'integration', 'e2e'].map((name, i) => ({ id: i, name, status: 'failed', stage: 'test', allowFailure: false, failureReason: 'script_failure' })),
        },
      }),
      T0 + 60 * MIN,
    );
    expect(view).toMatchObject({ group: 'failing', health: 'failing', status: 'failed', streak: 2, sinceAtLeast: false, moreFailing: 1 });
    expect(view.sinceMs).toBe(T0 + 26 * MIN);
    expect(view.culprit?.author).toBe('Carol Tester');
    expect(view.failing.map((f) => f.name)).toEqual(['unit', 'lint', 'integration']);
  });

  it('red while a fix runs: still failing, with progress and an estimate from the last passing pipeline', () => {
    const view = tileView(
      target,
      data([pipe(6, 'running', 50, 52), pipe(5, 'failed', 40, 45), pipe(3, 'success', 0, 5)], {
        jobs: { pipelineId: 6, updatedAt: null, status: 'running', total: 4, items: ['a', 'b', 'c', 'd'].map((name, i) => ({ id: i, name, status: i < 1 ? 'success' : 'running', stage: null, allowFailure: null, failureReason: null })) },
      }),
      T0 + 52 * MIN,
    );
    expect(view).toMatchObject({ group: 'failing', status: 'running', progress: { done: 1, total: 4 } });
    // The last passing pipeline took 5 minutes; this one started 2 minutes ago.
    expect(view.remainingMs).toBe(3 * MIN);
  });

  it('green: passing for the run, the streak; at least when the history ends inside it', () => {
    const view = tileView(target, data([pipe(3, 'success', 30, 35), pipe(2, 'canceled', 20, 21), pipe(1, 'success', 0, 4)]), T0 + 3 * 24 * 60 * MIN);
    expect(view).toMatchObject({ group: 'passing', streak: 2, streakAtLeast: true, sinceAtLeast: true, culprit: null, failing: [] });
    expect(view.sinceMs).toBe(T0 + 4 * MIN);
    const whole = tileView(target, data([pipe(3, 'success', 30, 35), pipe(1, 'failed', 0, 4)]), T0 + 40 * MIN);
    expect(whole).toMatchObject({ streak: 1, streakAtLeast: false, sinceMs: T0 + 35 * MIN });
  });

  it('a blocked manual pipeline is said as such and grouped with the running ones', () => {
    const view = tileView(target, data([pipe(2, 'manual', 10, 14), pipe(1, 'success', 0, 4)]), T0 + 20 * MIN);
    expect(view).toMatchObject({ group: 'running', blocked: 'manual', status: 'manual', progress: null });
  });

  it('an old GitLab without times: nothing known about since or the estimate, nothing invented', () => {
    const old = (id: number, status: string): TilePipeline => ({ id, iid: null, status, source: null, sha: null, created_at: null, updated_at: null, web_url: null });
    const view = tileView(target, data([old(3, 'running'), old(2, 'failed'), old(1, 'success')]), T0);
    expect(view).toMatchObject({ group: 'failing', sinceMs: null, remainingMs: null, pipelineUrl: null });
  });

  it('a ref without pipelines is unknown', () => {
    expect(tileView(target, EMPTY_TILE_DATA, T0)).toMatchObject({ group: 'unknown', status: null, health: 'unknown', streak: 0 });
  });

  it('folds a failing downstream pipeline into the tile that triggered it', () => {
    const view = tileView(
      target,
      data([pipe(2, 'failed', 10, 20), pipe(1, 'success', 0, 4)], {
        redJobs: { pipelineId: 2, updatedAt: null, status: 'failed', total: 0, items: [] },
        downstream: [{ bridge: 'trigger-e2e', pipelineId: 9, projectId: 1, status: 'failed', webUrl: null, failed: [{ id: 1, name: 'browser-tests', status: 'failed', stage: 'e2e', allowFailure: false, failureReason: 'job_execution_timeout' }] }],
      }),
      T0 + 30 * MIN,
    );
    expect(view.failing).toEqual([{ name: 'browser-tests', reason: 'job_execution_timeout', via: 'trigger-e2e' }]);
  });
});

describe('formatSpan', () => {
  it.each([
    [40_000, '40 s'],
    [5 * MIN, '5 min'],
    [134 * MIN, '2 h 14 min'],
    [120 * MIN, '2 h'],
    [26 * 60 * MIN, '1 day 2 h'],
    [3 * 24 * 60 * MIN + 5 * MIN, '3 days'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('isStale', () => {
  it('after twice the refresh interval, not before', () => {
    expect(isStale(T0, T0 + 60_000, 30_000)).toBe(false);
    expect(isStale(T0, T0 + 60_001, 30_000)).toBe(true);
    expect(isStale(0, T0, 30_000)).toBe(false);
  });
});
