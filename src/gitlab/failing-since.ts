/**
 * "Since when, and who broke it": pure walks over a ref's pipeline history.
 *
 * - `walkFailingSince` (per job name): from the pipeline where a job failed, back through the
 *   earlier pipelines of the same lineage (the ref's pipelines; for a child pipeline, the ref's
 *   other child pipelines) to the first pipeline of the current run of failures of that name.
 * - `pipelineRedRun` (per ref): from the newest finished pipeline back to the first failed one
 *   of the current red run.
 *
 * Both are pure and incremental: they say which pipelines' jobs they still need (`fetch`), the
 * caller fetches them and calls again (api/failing-since.ts does that with TanStack Query).
 * Rules, in the order they apply to each earlier pipeline of the walk:
 * - a pipeline that has not finished (running, pending, created, manual…) says nothing: skipped;
 * - the job's latest attempt (highest id of that name) decides: failed extends the run, success
 *   ends it; absent, skipped, canceled or manual say nothing (skipped);
 * - the run ends only at a success of the job itself (its jobs are read: the job may not have
 *   existed in that pipeline); in the flaky look-back, a pipeline whose status is success counts
 *   as no failure of a job that may not fail, without reading its jobs (`inferPass`, off for
 *   lineages that mix pipelines of different configurations);
 * - at most `window` earlier pipelines are looked at: past that the run is "at least" that long;
 *   a history that ends (`exhausted`) without a success means the job never passed on this ref;
 * - flaky: after the success that ends the run, up to `flakyLookback` more pipelines are read; a
 *   failure among them means the job goes red and green, not one change that broke it.
 */
import { isFinishedStatus } from './status.ts';
import type { Job, PipelineBasic } from './types.ts';

/** What the walk reads of a pipeline (PipelineBasic, a list row). */
export type HistoryPipeline = Pick<PipelineBasic, 'id' | 'status'> & Partial<PipelineBasic>;
/** What the walk reads of a job. */
export type HistoryJob = Pick<Job, 'id' | 'name' | 'status'> & Partial<Job>;

export interface HistoryEntry<J extends HistoryJob = HistoryJob> {
  pipeline: HistoryPipeline;
  /** The pipeline's jobs (latest attempts, or all with retried ones); undefined until fetched. */
  jobs?: readonly J[] | undefined;
}

export const DEFAULT_WINDOW = 20;
export const DEFAULT_FLAKY_LOOKBACK = 2;

export type RunBound =
  /** A success before the run was found: the run starts right after it. */
  | 'passed'
  /** The walk stopped at its window: the run is at least this long. */
  | 'window'
  /** The ref's history ended without a success: the job never passed here. */
  | 'never-passed'
  /** The history could not be read (child pipelines on a GitLab before 17.0): only the start is known. */
  | 'no-history';

export interface JobSince<J extends HistoryJob = HistoryJob> {
  name: string;
  /** not-failing: the job's latest attempt in the start pipeline did not fail (or is absent). */
  state: 'failing' | 'not-failing' | 'pending';
  /** The oldest pipeline of the current run of failures, and the job there. */
  since: { pipeline: HistoryPipeline; job: J | null } | null;
  /** Failures in the current run (the start pipeline included). */
  failures: number;
  bound: RunBound | null;
  /** The success that ends the run (bound 'passed'). */
  lastPassed: HistoryPipeline | null;
  flaky: boolean;
}

export interface WalkOptions {
  window?: number;
  flakyLookback?: number;
  /** `older` holds every earlier pipeline the lineage has (GitLab listed no more). */
  exhausted?: boolean;
  /** More earlier pipelines can be had than `older` holds: a walk that reaches its end waits for them. */
  more?: boolean;
  /** In the flaky look-back, a green pipeline means no failure without reading its jobs (default true). */
  inferPass?: boolean;
}

export interface WalkResult<J extends HistoryJob = HistoryJob> {
  results: Map<string, JobSince<J>>;
  /** Ids of pipelines (in `older`, newest first) whose jobs the walk needs to go on. */
  fetch: number[];
  /** Some walk reached the end of `older` (with `more`): give it the next earlier pipelines. */
  needMore: boolean;
}

/** The latest attempt of a job name in a pipeline's jobs (a retry has a higher id). */
export function latestAttempt<J extends HistoryJob>(jobs: readonly J[], name: string): J | null {
  let best: J | null = null;
  for (const job of jobs) if (job.name === name && (best === null || job.id > best.id)) best = job;
  return best;
}

type Outcome = 'failed' | 'passed' | 'none' | 'unknown';

function outcomeIn<J extends HistoryJob>(entry: HistoryEntry<J>, name: string, mayInferPass: boolean): { outcome: Outcome; job: J | null } {
  if (!isFinishedStatus(entry.pipeline.status)) return { outcome: 'none', job: null };
  if (entry.jobs === undefined) {
    if (mayInferPass && entry.pipeline.status === 'success') return { outcome: 'passed', job: null };
    return { outcome: 'unknown', job: null };
  }
  const job = latestAttempt(entry.jobs, name);
  if (job === null) return { outcome: 'none', job: null };
  if (job.status === 'failed') return { outcome: 'failed', job };
  if (job.status === 'success') return { outcome: 'passed', job };
  return { outcome: 'none', job };
}

/**
 * Walks back, for each name, from `start` (where the jobs failed) through `older` (the earlier
 * pipelines of the lineage, newest first). Returns what it knows and which pipelines to fetch.
 */
export function walkFailingSince<J extends HistoryJob>(
  names: readonly string[],
  start: HistoryEntry<J> & { jobs: readonly J[] },
  older: readonly HistoryEntry<J>[],
  options: WalkOptions = {},
): WalkResult<J> {
  const window = options.window ?? DEFAULT_WINDOW;
  const lookback = options.flakyLookback ?? DEFAULT_FLAKY_LOOKBACK;
  const allEarlier = older.filter((e) => e.pipeline.id !== start.pipeline.id).length;
  const earlier = older.filter((e) => e.pipeline.id !== start.pipeline.id).slice(0, window);
  const fetch = new Set<number>();
  const results = new Map<string, JobSince<J>>();
  const canGrow = options.more === true && earlier.length < window;
  let needMore = false;

  for (const name of names) {
    const first = latestAttempt(start.jobs, name);
    if (first === null || first.status !== 'failed') {
      results.set(name, { name, state: 'not-failing', since: null, failures: 0, bound: null, lastPassed: null, flaky: false });
      continue;
    }
    const mayInferPass = first.allow_failure !== true && options.inferPass !== false;
    let since: { pipeline: HistoryPipeline; job: J | null } = { pipeline: start.pipeline, job: first };
    let failures = 1;
    let lastPassed: HistoryPipeline | null = null;
    let flaky = false;
    let pending = false;
    let looked = 0;
    let i = 0;
    for (; i < earlier.length; i++) {
      const entry = earlier[i];
      if (!entry) break;
      const { outcome, job } = outcomeIn(entry, name, false);
      if (outcome === 'unknown') {
        fetch.add(entry.pipeline.id);
        pending = true;
        break;
      }
      if (outcome === 'failed') {
        since = { pipeline: entry.pipeline, job };
        failures++;
      } else if (outcome === 'passed') {
        lastPassed = entry.pipeline;
        break;
      }
    }
    if (!pending && lastPassed === null && canGrow) {
      pending = true;
      needMore = true;
    }
    if (!pending && lastPassed !== null) {
      // Flakiness: a failure shortly before the success.
      for (let k = i + 1; k < earlier.length && looked < lookback; k++) {
        const entry = earlier[k];
        if (!entry || !isFinishedStatus(entry.pipeline.status)) continue;
        looked++;
        const { outcome } = outcomeIn(entry, name, mayInferPass);
        if (outcome === 'unknown') {
          fetch.add(entry.pipeline.id);
          pending = true;
          break;
        }
        if (outcome === 'failed') {
          flaky = true;
          break;
        }
      }
      if (!pending && !flaky && looked < lookback && canGrow) {
        pending = true;
        needMore = true;
      }
    }
    const bound: RunBound | null = lastPassed !== null ? 'passed' : pending ? null : options.exhausted === true && allEarlier <= window ? 'never-passed' : 'window';
    results.set(name, {
      name,
      // The run itself is known once its end is: the flaky look-back may still be reading.
      state: pending && lastPassed === null ? 'pending' : 'failing',
      since,
      failures,
      bound,
      lastPassed,
      flaky,
    });
  }
  return { results, fetch: earlier.filter((e) => fetch.has(e.pipeline.id)).map((e) => e.pipeline.id), needMore };
}

export interface RedRun {
  /** passing: the newest finished pipeline succeeded; unknown: no finished pipeline yet. */
  state: 'failing' | 'passing' | 'unknown';
  /** The newest finished pipeline. */
  latest: HistoryPipeline | null;
  /** The first failed pipeline of the current red run. */
  since: HistoryPipeline | null;
  /** Failed pipelines in the run. */
  failures: number;
  bound: RunBound | null;
  lastPassed: HistoryPipeline | null;
}

/**
 * The current red run of a ref from its pipelines (newest first, child pipelines excluded, as
 * GitLab's list does): canceled and skipped pipelines neither end nor extend it.
 */
export function pipelineRedRun(pipelines: readonly HistoryPipeline[], options: Pick<WalkOptions, 'window' | 'exhausted'> = {}): RedRun {
  const window = options.window ?? DEFAULT_WINDOW;
  const list = pipelines.slice(0, window);
  const latestIndex = list.findIndex((p) => p.status === 'success' || p.status === 'failed');
  const latest = latestIndex >= 0 ? (list[latestIndex] ?? null) : null;
  if (latest === null) return { state: 'unknown', latest: null, since: null, failures: 0, bound: null, lastPassed: null };
  if (latest.status === 'success') return { state: 'passing', latest, since: null, failures: 0, bound: null, lastPassed: latest };
  let since = latest;
  let failures = 0;
  for (let i = latestIndex; i < list.length; i++) {
    const p = list[i];
    if (!p) break;
    if (p.status === 'failed') {
      since = p;
      failures++;
    } else if (p.status === 'success') {
      return { state: 'failing', latest, since, failures, bound: 'passed', lastPassed: p };
    }
  }
  const bound: RunBound = options.exhausted === true && pipelines.length <= window ? 'never-passed' : 'window';
  return { state: 'failing', latest, since, failures, bound, lastPassed: null };
}

/** Who and what started a run: read from a job of that pipeline (its commit and user). */
export interface Culprit {
  pipelineId: number;
  pipelineIid: number | null;
  pipelineUrl: string | null;
  shortSha: string | null;
  title: string | null;
  /** The commit's author, else the person who ran the pipeline. */
  author: string | null;
  /** When the pipeline was created (ISO). */
  at: string | null;
}

export function culpritOf(pipeline: HistoryPipeline, job: HistoryJob | null | undefined): Culprit {
  const commit = job?.commit ?? null;
  const sha = commit?.short_id ?? commit?.id?.slice(0, 8) ?? pipeline.sha?.slice(0, 8) ?? null;
  return {
    pipelineId: pipeline.id,
    pipelineIid: pipeline.iid ?? null,
    pipelineUrl: pipeline.web_url ?? null,
    shortSha: sha,
    title: commit?.title ?? null,
    author: commit?.author_name ?? job?.user?.name ?? null,
    at: pipeline.created_at ?? commit?.created_at ?? null,
  };
}
