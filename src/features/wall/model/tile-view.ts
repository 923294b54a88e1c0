/**
 * What a tile says, derived from its data and the time (pure): the latest pipeline's status, how
 * long the ref has been red or green, the streak, who broke it, the failing jobs, a running
 * pipeline's progress and estimate, and whether the tile's data is stale. A field an older GitLab
 * does not send is `null` (shown as unknown), never a guess.
 */
import { isActiveStatus, pipelineRedRun } from '../../../gitlab/index.ts';
import { passingRun } from './passing-run.ts';
import type { TileCulprit, TileData, TileJob, TilePipeline, TileTarget } from './tile-data.ts';
import { HISTORY_SIZE } from './tile-sync.ts';

/** Failing jobs named on a tile before "+N more". */
export const FAILING_JOBS_SHOWN = 3;

export type TileGroup = 'failing' | 'running' | 'passing' | 'unknown';

export interface FailingJob {
  name: string;
  reason: string | null;
  /** The trigger job whose downstream pipeline this job failed in. */
  via: string | null;
}

export interface TileView {
  key: string;
  path: string;
  name: string;
  ref: string;
  order: number;
  /** The latest pipeline's status (null: no pipeline on this ref yet). */
  status: string | null;
  pipelineUrl: string | null;
  group: TileGroup;
  /** Red or green, from the newest finished pipeline. */
  health: 'failing' | 'passing' | 'unknown';
  /** When the current red or green run began (ms), null when unknown. */
  sinceMs: number | null;
  /** The run began before the oldest pipeline the tile holds: "for at least …". */
  sinceAtLeast: boolean;
  /** Passing: successive passed pipelines; failing: successive failed ones. */
  streak: number;
  streakAtLeast: boolean;
  culprit: TileCulprit | null;
  failing: FailingJob[];
  moreFailing: number;
  /** A running (or pending) latest pipeline: jobs done of total, once its jobs are known. */
  progress: { done: number; total: number } | null;
  /** Time left, from the last passing pipeline's duration; negative: taking longer than that. */
  remainingMs: number | null;
  /** The latest pipeline waits for a person (manual) or a time (scheduled). */
  blocked: 'manual' | 'scheduled' | null;
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

const DONE = new Set(['success', 'failed', 'canceled', 'skipped', 'manual']);

/** Duration of the newest passing pipeline (created → last update), for the estimate. */
function lastPassingDurationMs(pipelines: readonly TilePipeline[]): number | null {
  const passed = pipelines.find((p) => p.status === 'success');
  const start = ms(passed?.created_at);
  const end = ms(passed?.updated_at);
  return start !== null && end !== null && end > start ? end - start : null;
}

function failingJobs(data: TileData): FailingJob[] {
  const own: FailingJob[] = (data.redJobs?.items ?? []).map((j: TileJob) => ({ name: j.name, reason: j.failureReason, via: null }));
  const names = new Set(own.map((j) => j.name));
  const downstream: FailingJob[] = [];
  for (const d of data.downstream) {
    for (const j of d.failed) downstream.push({ name: j.name, reason: j.failureReason, via: d.bridge });
    // A failed trigger job with nothing read below it still names the trigger.
    if (d.failed.length === 0 && !names.has(d.bridge)) downstream.push({ name: d.bridge, reason: 'downstream pipeline failed', via: null });
  }
  // The trigger job itself is not in the jobs list; its downstream's jobs take its place.
  return [...own, ...downstream];
}

export function tileView(target: TileTarget, data: TileData, now: number): TileView {
  const latest = data.pipelines[0] ?? null;
  // Red: the shared model of "failing since / who broke it"; green: the passing streak.
  const redRun = pipelineRedRun(data.pipelines, { window: HISTORY_SIZE, exhausted: data.exhausted });
  const green = redRun.state === 'passing' ? passingRun(data.pipelines, data.exhausted) : null;
  const red = redRun.state === 'failing';
  const runStart: TilePipeline | null = red ? (data.pipelines.find((p) => p.id === redRun.since?.id) ?? null) : (green?.since ?? null);
  const streak = red ? redRun.failures : (green?.count ?? 0);
  const atLeast = red ? redRun.bound === 'window' : green !== null && !green.complete;
  const active = latest !== null && isActiveStatus(latest.status);
  const blocked = latest?.status === 'manual' ? 'manual' : latest?.status === 'scheduled' ? 'scheduled' : null;
  const group: TileGroup = red ? 'failing' : active || blocked ? 'running' : redRun.state === 'passing' ? 'passing' : 'unknown';
  // The run began when its first pipeline finished (its last update).
  const sinceMs = runStart ? (ms(runStart.updated_at) ?? ms(runStart.created_at)) : null;

  const allFailing = red ? failingJobs(data) : [];
  const failing = allFailing.slice(0, FAILING_JOBS_SHOWN);

  let progress: TileView['progress'] = null;
  let remainingMs: number | null = null;
  if (latest && active) {
    if (data.jobs?.pipelineId === latest.id && data.jobs.items.length > 0) {
      const done = data.jobs.items.filter((j) => DONE.has(j.status)).length;
      progress = { done, total: Math.max(data.jobs.total, data.jobs.items.length) };
    }
    const usual = lastPassingDurationMs(data.pipelines);
    const started = ms(latest.created_at);
    if (usual !== null && started !== null) remainingMs = usual - Math.max(0, now - started);
  }

  return {
    key: target.key,
    path: target.path,
    name: target.name,
    ref: target.ref,
    order: target.order,
    status: latest?.status ?? null,
    pipelineUrl: latest?.web_url ?? null,
    group,
    health: redRun.state,
    sinceMs: sinceMs === null ? null : Math.min(sinceMs, now),
    sinceAtLeast: atLeast,
    streak,
    streakAtLeast: atLeast,
    culprit: red ? data.culprit : null,
    failing,
    moreFailing: allFailing.length - failing.length,
    progress,
    remainingMs,
    blocked,
  };
}

/** "2 h 14 min", "3 days", "5 min", "40 s": how long, in words readable from across a room. */
export function formatSpan(spanMs: number): string {
  const s = Math.max(0, Math.floor(spanMs / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days >= 2) return `${days} days`;
  if (days === 1) return hours > 0 ? `1 day ${hours} h` : '1 day';
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** Is a tile's data older than twice the refresh interval (issue 17: "not updated since 14:02")? */
export function isStale(dataUpdatedAt: number, now: number, intervalMs: number): boolean {
  return dataUpdatedAt > 0 && now - dataUpdatedAt > 2 * intervalMs;
}
