// The timeline view: every job as a bar on one time axis, grouped by stage in stage order,
// with the time it spent queued, and an estimate of the slowest path.
// Times come from the REST job: created_at, started_at, finished_at and queued_duration
// (seconds from queued_at to started_at, or to the response time while still pending;
// gitlab-org/gitlab `app/models/commit_status.rb` #queued_duration). REST has no queued_at,
// so it is started_at − queued_duration. Everything is relative to `now`, passed in.

import { isFinishedStatus, isQueueTimeStatus } from '../../../gitlab/index.ts';
import { detectRetried, orderStages, stageOf } from './stages.ts';
import type { GraphBridgeInput, GraphJobInput, PipelineJobsInput } from './types.ts';

export interface TimelineBar<J extends GraphJobInput> {
  job: J;
  stage: string;
  kind: 'job' | 'trigger';
  /** An older attempt (only with includeRetried). */
  retried: boolean;
  createdAt: number | null;
  /** When it entered the queue; null when it never queued (created, manual, skipped…) or REST does not say. */
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** Left edge of the bar: queuedAt, else startedAt; null when the job has no bar. */
  barStart: number | null;
  /** Right edge: finishedAt, else `now` while it runs or waits in the queue. */
  barEnd: number | null;
  /** Started and not finished: its bar grows with `now`. */
  running: boolean;
  /** Queued and not started yet. */
  queued: boolean;
}

export interface TimelineStage<J extends GraphJobInput> {
  name: string;
  /** Bars by start (jobs without a bar last), then id. */
  bars: TimelineBar<J>[];
  start: number | null;
  end: number | null;
}

export interface CriticalPath {
  /** Job ids from the first stage to the job that finished last. */
  jobIds: number[];
  start: number | null;
  end: number | null;
  durationMs: number;
}

export interface Timeline<J extends GraphJobInput> {
  /** The axis: the earliest bar start to the latest bar end (now for running jobs). */
  start: number | null;
  end: number | null;
  durationMs: number;
  stages: TimelineStage<J>[];
  criticalPath: CriticalPath;
}

export interface TimelineOptions {
  /** The current time in ms since the epoch. */
  now: number;
  includeRetried?: boolean;
  stageOrder?: readonly string[];
  /** Slack allowed between a job's end and the next one's queue time (clock rounding). Default 1000 ms. */
  toleranceMs?: number;
}

function parseTime(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** One job's bar on the axis at time `now`. */
export function timelineBar<J extends GraphJobInput>(
  job: J,
  now: number,
  extra: { kind?: 'job' | 'trigger'; retried?: boolean } = {},
): TimelineBar<J> {
  const createdAt = parseTime(job.created_at);
  const startedAt = parseTime(job.started_at);
  const finishedAt = parseTime(job.finished_at);
  const queuedSeconds = job.queued_duration ?? null;
  let queuedAt: number | null = null;
  if (queuedSeconds !== null && Number.isFinite(queuedSeconds) && queuedSeconds >= 0) {
    if (startedAt !== null) queuedAt = startedAt - queuedSeconds * 1000;
    // While pending, queued_duration runs to the response time, which `now` stands for.
    else if (isQueueTimeStatus(job.status)) queuedAt = now - queuedSeconds * 1000;
  }
  // Rounding must not put the queue before the job existed.
  if (queuedAt !== null && createdAt !== null && queuedAt < createdAt) queuedAt = createdAt;

  const ongoing = finishedAt === null && !isFinishedStatus(job.status);
  const running = startedAt !== null && ongoing;
  const queued = startedAt === null && queuedAt !== null && ongoing;
  const barStart = queuedAt ?? startedAt;
  let barEnd: number | null = null;
  if (barStart !== null) barEnd = finishedAt ?? (ongoing ? Math.max(now, barStart) : (startedAt ?? barStart));
  return {
    job,
    stage: stageOf(job),
    kind: extra.kind ?? 'job',
    retried: extra.retried ?? false,
    createdAt,
    queuedAt,
    startedAt,
    finishedAt,
    barStart,
    barEnd,
    running,
    queued,
  };
}

function minOf(values: (number | null)[]): number | null {
  let m: number | null = null;
  for (const v of values) if (v !== null && (m === null || v < m)) m = v;
  return m;
}

function maxOf(values: (number | null)[]): number | null {
  let m: number | null = null;
  for (const v of values) if (v !== null && (m === null || v > m)) m = v;
  return m;
}

/**
 * The slowest path, estimated without `needs`: from the bar that ends last, walk back one
 * stage at a time to the job that ended last before it was queued (the one it waited for);
 * a stage with no such job is passed over (the job did not wait for it).
 */
export function criticalPath<J extends GraphJobInput>(stages: readonly TimelineStage<J>[], toleranceMs = 1000): CriticalPath {
  const ran = stages.map((s) => s.bars.filter((b) => b.startedAt !== null && b.barEnd !== null && !b.retried));
  let lastStage = -1;
  let last: TimelineBar<J> | null = null;
  for (const [index, bars] of ran.entries()) {
    for (const bar of bars) {
      const end = bar.barEnd ?? 0;
      const best = last?.barEnd ?? Number.NEGATIVE_INFINITY;
      // Ties go to the later stage, then to the larger id: the job created last.
      if (end > best || (end === best && (index > lastStage || bar.job.id > (last?.job.id ?? 0)))) {
        last = bar;
        lastStage = index;
      }
    }
  }
  if (last === null) return { jobIds: [], start: null, end: null, durationMs: 0 };

  const chain: TimelineBar<J>[] = [last];
  let current: TimelineBar<J> = last;
  for (let index = lastStage - 1; index >= 0; index--) {
    const gate = (current.barStart ?? 0) + toleranceMs;
    let best: TimelineBar<J> | null = null;
    for (const bar of ran[index] ?? []) {
      const end = bar.barEnd ?? 0;
      if (end <= gate && (best === null || end > (best.barEnd ?? 0) || (end === best.barEnd && bar.job.id > best.job.id))) best = bar;
    }
    if (best !== null) {
      chain.unshift(best);
      current = best;
    }
  }
  const first = chain[0];
  const start = first?.barStart ?? null;
  const end = last.barEnd;
  return {
    jobIds: chain.map((b) => b.job.id),
    start,
    end,
    durationMs: start !== null && end !== null ? end - start : 0,
  };
}

/** Bars of every job and trigger job on one axis, grouped by stage in stage order, with the slowest path. */
export function buildTimeline<J extends GraphJobInput, B extends GraphBridgeInput>(
  input: PipelineJobsInput<J, B>,
  options: TimelineOptions,
): Timeline<J | B> {
  const all: (J | B)[] = [...input.jobs, ...input.bridges];
  const bridgeIds = new Set(input.bridges.map((b) => b.id));
  const { latest, retriedIds } = detectRetried(all);
  const shown = options.includeRetried === true ? all : latest;

  const byStage = new Map<string, TimelineBar<J | B>[]>();
  for (const job of shown) {
    const bar = timelineBar(job, options.now, {
      kind: bridgeIds.has(job.id) ? 'trigger' : 'job',
      retried: retriedIds.has(job.id),
    });
    const list = byStage.get(bar.stage);
    if (list === undefined) byStage.set(bar.stage, [bar]);
    else list.push(bar);
  }

  const stages = orderStages(all, options.stageOrder)
    .filter((name) => byStage.has(name))
    .map((name): TimelineStage<J | B> => {
      const bars = [...(byStage.get(name) ?? [])].sort(
        (a, b) => (a.barStart ?? Number.POSITIVE_INFINITY) - (b.barStart ?? Number.POSITIVE_INFINITY) || a.job.id - b.job.id,
      );
      return { name, bars, start: minOf(bars.map((b) => b.barStart)), end: maxOf(bars.map((b) => b.barEnd)) };
    });

  const start = minOf(stages.map((s) => s.start));
  const end = maxOf(stages.map((s) => s.end));
  return {
    start,
    end,
    durationMs: start !== null && end !== null ? end - start : 0,
    stages,
    criticalPath: criticalPath(stages, options.toleranceMs),
  };
}
