/**
 * One refresh of a tile within the request budget (issue 17):
 * 1. one pipelines request for the ref (`updated_after` the newest change already seen, where
 *    the host has it; a full page every FULL_SYNC_EVERY refreshes, and whenever nothing is known);
 * 2. the latest pipeline's jobs only when that pipeline changed (`updated_at`, or its status on a
 *    GitLab too old to say when it changed);
 * 3. once a pipeline has failed: its trigger jobs, and the failed jobs of a failing downstream
 *    pipeline (at most MAX_DOWNSTREAM), so a failing child or multi-project pipeline shows on the
 *    tile that triggered it;
 * 4. once per red run: one job of the first failing pipeline, for its commit and user.
 * Never a job log. Steady state: one request per tile per interval while nothing moves.
 */
import { culpritOf, fetchPipelineBridges, fetchPipelineJobsPage, fetchPipelinesPage, isActiveStatus, pipelineRedRun } from '../../../gitlab/index.ts';
import type { Bridge, Connection, Job, PipelineBasic } from '../../../gitlab/index.ts';
import type { TileData, TileDownstream, TileJob, TileJobs, TilePipeline, TileTarget } from './tile-data.ts';

/** Pipelines kept per tile: enough for "failing for" and the streak of most refs. */
export const HISTORY_SIZE = 25;
/** Every this many refreshes, the pipelines list is read whole (a deleted pipeline drops out). */
export const FULL_SYNC_EVERY = 40;
/** Failing downstream pipelines read per pipeline. */
export const MAX_DOWNSTREAM = 2;
/** Failing jobs kept per pipeline (a tile names a few, then "+N more"). */
export const MAX_FAILED_JOBS = 12;

export interface SyncOptions {
  signal?: AbortSignal;
  /** Whether the host filters pipelines by `updated_after` (null: unknown, try). */
  updatedAfter?: boolean | null;
  /** Whether the host lists trigger jobs (`/pipelines/:id/bridges`, GitLab 11.? +; null: unknown, try). */
  bridges?: boolean | null;
  /** Told when the host turns out to lack the bridges list (404), so the wall stops asking. */
  onNoBridges?: () => void;
}

export function toTilePipeline(p: PipelineBasic): TilePipeline {
  return { id: p.id, iid: p.iid ?? null, status: p.status, source: p.source ?? null, sha: p.sha ?? null, created_at: p.created_at ?? null, updated_at: p.updated_at ?? null, web_url: p.web_url ?? null };
}

function toTileJob(j: Job | Bridge): TileJob {
  return { id: j.id, name: j.name, status: j.status, stage: j.stage ?? null, allowFailure: j.allow_failure ?? null, failureReason: j.failure_reason ?? null };
}

/** The newest `updated_at` among the pipelines (ISO strings of one host compare as times). */
export function newestUpdate(pipelines: readonly TilePipeline[]): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const p of pipelines) {
    const ms = p.updated_at ? Date.parse(p.updated_at) : NaN;
    if (!Number.isNaN(ms) && ms > bestMs) {
      bestMs = ms;
      best = p.updated_at;
    }
  }
  return best;
}

/** Merges a refreshed page into what the tile held: by id, the new answer wins; newest first; capped. */
export function mergePipelines(held: readonly TilePipeline[], fresh: readonly TilePipeline[], replace: boolean): TilePipeline[] {
  const byId = new Map<number, TilePipeline>();
  if (!replace) for (const p of held) byId.set(p.id, p);
  for (const p of fresh) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, HISTORY_SIZE);
}

/** Did the pipeline change since its jobs were read? */
export function jobsOutdated(jobs: TileJobs | null, latest: TilePipeline): boolean {
  if (!jobs || jobs.pipelineId !== latest.id) return true;
  // GitLab before 12 sends no updated_at: a change of status is all that can be seen.
  if (latest.updated_at === null || jobs.updatedAt === null) return jobs.status !== latest.status || isActiveStatus(latest.status);
  return jobs.updatedAt !== latest.updated_at;
}

function failedOf(items: readonly TileJob[]): TileJob[] {
  return items.filter((j) => j.status === 'failed' && j.allowFailure !== true).slice(0, MAX_FAILED_JOBS);
}

function isChild(p: PipelineBasic): boolean {
  return p.source === 'parent_pipeline';
}

async function readJobs(conn: Connection, target: Pick<TileTarget, 'project' | 'ref'>, p: TilePipeline, signal: AbortSignal | undefined): Promise<{ jobs: TileJobs; first: Job | null }> {
  const page = await fetchPipelineJobsPage(conn, target.project, p.id, { perPage: 100 }, signal);
  let items = page.items.map(toTileJob);
  // More than one page: the failed ones may be further on; one more request for just them.
  if (page.next !== null && p.status === 'failed') {
    const failed = await fetchPipelineJobsPage(conn, target.project, p.id, { scope: ['failed'], perPage: 100 }, signal);
    const seen = new Set(items.map((j) => j.id));
    items = [...items, ...failed.items.map(toTileJob).filter((j) => !seen.has(j.id))];
  }
  const total = page.total ?? (page.next === null ? page.items.length : items.length);
  return { jobs: { pipelineId: p.id, updatedAt: p.updated_at, status: p.status, items, total }, first: page.items[0] ?? null };
}

async function readDownstream(conn: Connection, target: Pick<TileTarget, 'project' | 'ref'>, pipelineId: number, options: SyncOptions): Promise<TileDownstream[]> {
  if (options.bridges === false) return [];
  const all = await fetchPipelineBridges(conn, target.project, pipelineId, options.signal);
  // The host has no trigger-job route (GitLab before 12): fetchPipelineBridges says so instead of throwing its 404.
  if (all.unsupported) {
    options.onNoBridges?.();
    return [];
  }
  const bridges: readonly Bridge[] = all.items;
  const failing = bridges.filter((b) => b.downstream_pipeline?.status === 'failed').slice(0, MAX_DOWNSTREAM);
  const out: TileDownstream[] = [];
  for (const b of failing) {
    const down = b.downstream_pipeline;
    if (!down) continue;
    const projectId = down.project_id ?? null;
    const page = await fetchPipelineJobsPage(conn, projectId ?? target.project, down.id, { scope: ['failed'], perPage: 20 }, options.signal);
    out.push({ bridge: b.name, pipelineId: down.id, projectId, status: down.status, webUrl: down.web_url ?? null, failed: failedOf(page.items.map(toTileJob)) });
  }
  return out;
}

/** One refresh of the tile: the requests above, in order; throws the first GitLabError. */
export async function syncTile(conn: Connection, target: Pick<TileTarget, 'project' | 'ref'>, held: TileData, options: SyncOptions = {}): Promise<TileData> {
  const { signal } = options;
  const since = held.pipelines.length > 0 && options.updatedAfter !== false && held.sinceFullSync < FULL_SYNC_EVERY ? newestUpdate(held.pipelines) : null;
  const page = await fetchPipelinesPage(conn, target.project, { ref: target.ref, perPage: HISTORY_SIZE, ...(since ? { updatedAfter: since } : {}) }, 1, signal);
  const fresh = page.items.filter((p) => !isChild(p)).map(toTilePipeline);
  const pipelines = mergePipelines(held.pipelines, fresh, since === null);
  const exhausted = since === null ? page.next === null : held.exhausted;
  const next: TileData = { ...held, pipelines, exhausted, sinceFullSync: since === null ? 0 : held.sinceFullSync + 1 };

  const latest = pipelines[0];
  if (!latest) return { ...next, jobs: null, redJobs: null, downstream: [], downstreamOf: null, culprit: null };

  let firstJob: Job | null = null;
  if (jobsOutdated(held.jobs, latest)) {
    const read = await readJobs(conn, target, latest, signal);
    next.jobs = read.jobs;
    firstJob = read.first;
  }

  // The red run, read with the shared model of "failing since / who broke it" (src/gitlab).
  const run = pipelineRedRun(pipelines, { window: HISTORY_SIZE, exhausted });
  if (run.state !== 'failing') {
    next.redJobs = null;
    next.culprit = null;
  } else if (next.jobs && run.latest?.id === next.jobs.pipelineId) {
    next.redJobs = { ...next.jobs, items: failedOf(next.jobs.items) };
  } else if (run.latest && held.redJobs?.pipelineId !== run.latest.id) {
    // Red while a fix runs, and the failed pipeline's jobs were never read (the wall just started).
    const failed = await fetchPipelineJobsPage(conn, target.project, run.latest.id, { scope: ['failed'], perPage: MAX_FAILED_JOBS }, signal);
    const items = failedOf(failed.items.map(toTileJob));
    next.redJobs = { pipelineId: run.latest.id, updatedAt: run.latest.updated_at ?? null, status: run.latest.status, items, total: items.length };
  }

  // A failed pipeline's trigger jobs, once per change of it (a passing one has no failing
  // downstream that fails it; one triggered without `strategy: depend` is not looked for).
  const failed = run.state === 'failing' ? run.latest : null;
  if (!failed) {
    next.downstream = [];
    next.downstreamOf = null;
  } else if (held.downstreamOf?.pipelineId !== failed.id || held.downstreamOf.updatedAt !== (failed.updated_at ?? null)) {
    next.downstream = await readDownstream(conn, target, failed.id, options);
    next.downstreamOf = { pipelineId: failed.id, updatedAt: failed.updated_at ?? null };
  }

  const broke = run.state === 'failing' ? run.since : null;
  if (broke && held.culprit?.pipelineId !== broke.id) {
    const brokePipeline = pipelines.find((p) => p.id === broke.id) ?? latest;
    if (firstJob && next.jobs?.pipelineId === broke.id) {
      next.culprit = culpritOf(brokePipeline, firstJob);
    } else {
      const one = await fetchPipelineJobsPage(conn, target.project, broke.id, { perPage: 1 }, signal);
      next.culprit = culpritOf(brokePipeline, one.items[0] ?? null);
    }
  }
  return next;
}
