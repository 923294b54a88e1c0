import { describe, expect, it } from 'vitest';
import { buildTimeline, timelineBar } from './timeline.ts';
import type { GraphBridgeInput, GraphJobInput } from './types.ts';

const T0 = Date.parse('2024-05-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const s = (seconds: number): number => T0 + seconds * 1000;

function ran(
  id: number,
  stage: string,
  name: string,
  times: { created?: number; queued?: number; start?: number; end?: number },
  status = 'success',
  extra: Partial<GraphJobInput> = {},
): GraphJobInput {
  return {
    id,
    stage,
    name,
    status,
    created_at: at(times.created ?? 0),
    started_at: times.start === undefined ? null : at(times.start),
    finished_at: times.end === undefined ? null : at(times.end),
    queued_duration: times.queued ?? null,
    pipeline: { id: 100, project_id: 1 },
    ...extra,
  };
}

// Newest id first, as the API lists them.
const jobs: GraphJobInput[] = [
  ran(31, 'deploy', 'production', {}, 'manual'),
  ran(30, 'deploy', 'staging', { queued: 3, start: 205, end: 260 }),
  ran(22, 'test', 'lint', { queued: 1, start: 61, end: 70 }, 'failed', { allow_failure: true }),
  ran(21, 'test', 'rspec 2/2', { queued: 1, start: 62, end: 120 }),
  ran(20, 'test', 'rspec 1/2', { queued: 5, start: 66, end: 200 }),
  ran(11, 'build', 'assets', { queued: 1, start: 3, end: 30 }),
  ran(10, 'build', 'compile', { queued: 2, start: 2, end: 60 }),
];

describe('timelineBar', () => {
  it('puts the queue before the run: queued_at = started_at − queued_duration', () => {
    const bar = timelineBar(ran(1, 'test', 'a', { created: 0, queued: 5, start: 66, end: 200 }), s(1000));
    expect([bar.queuedAt, bar.startedAt, bar.finishedAt, bar.barStart, bar.barEnd]).toEqual([s(61), s(66), s(200), s(61), s(200)]);
    expect([bar.running, bar.queued]).toEqual([false, false]);
  });

  it('grows a running bar to now', () => {
    const bar = timelineBar(ran(1, 'test', 'a', { queued: 1, start: 10 }, 'running'), s(50));
    expect([bar.barEnd, bar.running]).toEqual([s(50), true]);
  });

  it('shows a pending job as a queue that grows to now', () => {
    const bar = timelineBar(ran(1, 'test', 'a', { created: 0, queued: 30 }, 'pending'), s(100));
    expect([bar.queuedAt, bar.startedAt, bar.barStart, bar.barEnd, bar.queued, bar.running]).toEqual([s(70), null, s(70), s(100), true, false]);
  });

  it('never puts the queue before the job was created', () => {
    const bar = timelineBar(ran(1, 'test', 'a', { created: 10, queued: 60, start: 20, end: 30 }), s(100));
    expect(bar.queuedAt).toBe(s(10));
  });

  it('gives no bar to jobs that never ran, or whose times do not parse', () => {
    expect(timelineBar(ran(1, 'deploy', 'p', {}, 'manual'), s(100)).barStart).toBeNull();
    expect(timelineBar(ran(1, 'deploy', 'p', {}, 'skipped'), s(100)).barEnd).toBeNull();
    const broken = timelineBar({ id: 1, name: 'x', status: 'success', started_at: 'yesterday' }, s(100));
    expect([broken.startedAt, broken.barStart]).toEqual([null, null]);
  });

  it('does not grow a finished job that lacks finished_at', () => {
    const bar = timelineBar(ran(1, 'test', 'a', { start: 10 }, 'failed'), s(100));
    expect([bar.barEnd, bar.running]).toEqual([s(10), false]);
  });
});

describe('buildTimeline', () => {
  it('groups bars by stage in stage order on one axis', () => {
    const timeline = buildTimeline({ jobs, bridges: [] }, { now: s(1000) });
    expect(timeline.stages.map((st) => [st.name, st.bars.map((b) => b.job.name)])).toEqual([
      ['build', ['compile', 'assets']],
      ['test', ['lint', 'rspec 1/2', 'rspec 2/2']], // both queued at 61 s: id decides
      ['deploy', ['staging', 'production']],
    ]);
    expect([timeline.start, timeline.end, timeline.durationMs]).toEqual([s(0), s(260), 260_000]);
    expect(timeline.stages.map((st) => [st.start, st.end])).toEqual([
      [s(0), s(60)],
      [s(60), s(200)],
      [s(202), s(260)],
    ]);
  });

  it('finds the slowest path back through the stages', () => {
    const { criticalPath } = buildTimeline({ jobs, bridges: [] }, { now: s(1000) });
    expect(criticalPath.jobIds).toEqual([10, 20, 30]);
    expect([criticalPath.start, criticalPath.end, criticalPath.durationMs]).toEqual([s(0), s(260), 260_000]);
  });

  it('ends the path with a running job and the axis at now', () => {
    const running = ran(32, 'deploy', 'canary', { queued: 2, start: 280 }, 'running');
    const timeline = buildTimeline({ jobs: [running, ...jobs], bridges: [] }, { now: s(300) });
    expect(timeline.end).toBe(s(300));
    expect(timeline.criticalPath.jobIds).toEqual([10, 20, 32]);
  });

  it('passes over a stage a job did not wait for (needs)', () => {
    const quick = ran(23, 'test', 'quick', { queued: 1, start: 6, end: 400 });
    const { criticalPath } = buildTimeline({ jobs: [quick, ...jobs], bridges: [] }, { now: s(1000) });
    expect(criticalPath.jobIds).toEqual([23]);
  });

  it('draws trigger jobs too, marked as such', () => {
    const bridge: GraphBridgeInput = {
      ...ran(33, 'deploy', 'downstream', { queued: 0, start: 261, end: 500 }),
      downstream_pipeline: { id: 200, project_id: 2, status: 'success' },
    };
    const timeline = buildTimeline({ jobs, bridges: [bridge] }, { now: s(1000) });
    const bar = timeline.stages[2]?.bars.find((b) => b.job.id === 33);
    expect(bar?.kind).toBe('trigger');
    // staging shares the bridge's stage, so the path goes back to the test stage.
    expect(timeline.criticalPath.jobIds).toEqual([10, 20, 33]);
  });

  it('hides older attempts unless asked, and keeps them off the path', () => {
    const older = ran(5, 'build', 'compile', { queued: 1, start: 1, end: 900 }, 'failed');
    expect(buildTimeline({ jobs: [...jobs, older], bridges: [] }, { now: s(1000) }).stages[0]?.bars.map((b) => b.job.id)).toEqual([10, 11]);
    const shown = buildTimeline({ jobs: [...jobs, older], bridges: [] }, { now: s(1000), includeRetried: true });
    expect(shown.stages[0]?.bars.map((b) => [b.job.id, b.retried])).toEqual([
      [5, true],
      [10, false],
      [11, false],
    ]);
    expect(shown.end).toBe(s(900));
    expect(shown.criticalPath.jobIds).toEqual([10, 20, 30]);
  });

  it('is empty without jobs, or when nothing ran yet', () => {
    expect(buildTimeline({ jobs: [], bridges: [] }, { now: s(0) })).toEqual({
      start: null,
      end: null,
      durationMs: 0,
      stages: [],
      criticalPath: { jobIds: [], start: null, end: null, durationMs: 0 },
    });
    const created = buildTimeline({ jobs: [ran(1, 'build', 'a', {}, 'created')], bridges: [] }, { now: s(0) });
    expect(created.stages).toHaveLength(1);
    expect(created.criticalPath.jobIds).toEqual([]);
  });
});
