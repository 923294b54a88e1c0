// The queries behind "failing since … by …": what the pure walks of failing-since.ts need,
// fetched through the same cached queries the pages read (a pipeline's jobs, a ref's pipelines),
// a bounded number of them, a few at a time.
import { queryOptions } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { DEFAULT_FLAKY_LOOKBACK, DEFAULT_WINDOW, culpritOf, latestAttempt, pipelineRedRun, walkFailingSince } from '../failing-since.ts';
import type { Culprit, HistoryEntry, HistoryPipeline, JobSince, RedRun } from '../failing-since.ts';
import type { AllPages, Page } from '../pagination.ts';
import { createLimiter } from '../limiter.ts';
import { statusPolling } from '../polling.ts';
import type { PollIntervals } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { isFinishedStatus } from '../status.ts';
import type { Bridge, Job, PipelineBasic } from '../types.ts';
import { pipelineBridgesQueryOptions } from './bridges.ts';
import { pipelineJobsQueryOptions } from './pipeline-jobs.ts';
import { pipelinesQueryOptions } from './pipelines.ts';

/**
 * The pipelines a job's history runs through: the earlier pipelines of one ref of one project.
 * - plain: the ref's pipelines (GitLab's list holds no child pipelines);
 * - `child`: the ref's child pipelines (`source=parent_pipeline`, listed by GitLab 17.0+ only;
 *   before, no history is found), for a child job reached without its parent;
 * - `via`: a downstream pipeline reached from a root pipeline through trigger jobs by name: each
 *   earlier root pipeline of the ref is followed through the same trigger jobs (one bridges list per
 *   step, and the downstream status spares the jobs list of a pipeline that passed).
 */
export interface Lineage {
  /** The project of the pipeline whose jobs are walked (a downstream pipeline's own project). */
  project: ProjectRef;
  ref: string;
  child?: boolean;
  via?: LineageVia | undefined;
}

/** A downstream pipeline's way from its root: the root's project and pipeline, then the trigger jobs' names in order. */
export interface LineageVia {
  rootProject: ProjectRef;
  rootPipelineId: number;
  bridges: readonly string[];
}

export interface FailingSinceOptions {
  /** Earlier pipelines looked at, at most (default 20). */
  window?: number;
}

/** Pipelines' job lists fetched at once by one walk. */
const WALK_CONCURRENCY = 2;

/** A ref's pipelines come in pages of this size; the walks and the wall share them. */
export const HISTORY_PAGE_SIZE = 25;
/** Pages of a ref's pipelines read to find the start pipeline and the window behind it. */
const MAX_HISTORY_PAGES = 4;
/** A finished pipeline's jobs change only when someone retries one: reuse them a while. */
const HISTORY_STALE_MS = 5 * 60_000;
const START_STALE_MS = 30_000;

export interface FailingSinceResult {
  /** One entry per asked name. */
  byName: Record<string, JobSince<Job>>;
  /** The culprit (first failing pipeline's commit and author) per failing name. */
  culprits: Record<string, Culprit>;
  /** Requests the walk needed beyond cached data, at most (pages + job lists). */
  lookedAt: number;
}

/** History requests in flight across every walk of the app (the job list's rows, the digest, the wall). */
export const HISTORY_CONCURRENCY = 4;
const historyLimiter = createLimiter(HISTORY_CONCURRENCY);

function jobsOf(client: QueryClient, conn: Connection, project: ProjectRef, pipelineId: number, staleTime: number): Promise<AllPages<Job>> {
  const options = pipelineJobsQueryOptions(conn, project, pipelineId);
  return historyLimiter.run(() => client.fetchQuery({ ...options, staleTime }));
}

function refPage(client: QueryClient, conn: Connection, lineage: Lineage, page: number): Promise<Page<PipelineBasic>> {
  const params = { ref: lineage.ref, perPage: HISTORY_PAGE_SIZE, ...(lineage.child ? { source: 'parent_pipeline' } : {}) };
  return historyLimiter.run(() => client.fetchQuery({ ...pipelinesQueryOptions(conn, lineage.project, params, page), staleTime: START_STALE_MS }));
}

/**
 * The ref's pipelines older than `beforeId`, newest first, enough for the window and the flaky
 * look-back; `exhausted` when GitLab has no more.
 */
export async function fetchLineageBefore(
  client: QueryClient,
  conn: Connection,
  lineage: Lineage,
  beforeId: number,
  want: number,
): Promise<{ older: PipelineBasic[]; exhausted: boolean; pages: number; listed: number }> {
  const older: PipelineBasic[] = [];
  let listed = 0;
  for (let page = 1; page <= MAX_HISTORY_PAGES; page++) {
    const result = await refPage(client, conn, lineage, page);
    listed += result.items.length;
    for (const p of result.items) if (p.id < beforeId) older.push(p);
    if (result.next === null || result.items.length === 0) return { older, exhausted: true, pages: page, listed };
    if (older.length >= want) return { older, exhausted: false, pages: page, listed };
  }
  return { older, exhausted: false, pages: MAX_HISTORY_PAGES, listed };
}

/**
 * "Failing since" for job names that failed in one pipeline, walked together (one list of the
 * ref's pipelines, then one job list per earlier pipeline that the walk needs, `WALK_CONCURRENCY` at a
 * time, never more than the window plus the flaky look-back). Every fetch is a cached query.
 */
export function failingSinceQueryOptions(
  conn: Connection,
  lineage: Lineage,
  pipelineId: number,
  names: readonly string[],
  options: FailingSinceOptions = {},
) {
  const sorted = [...new Set(names)].sort();
  const window = options.window ?? DEFAULT_WINDOW;
  const { project, ref, via } = lineage;
  const child = lineage.child === true;
  return queryOptions({
    queryKey: gitlabKeys.failingSince(conn, project, pipelineId, sorted, { ref, child, window, via }),
    queryFn: ({ client }): Promise<FailingSinceResult> => walkLineage(client, conn, { project, ref, child, via }, pipelineId, sorted, window),
    staleTime: START_STALE_MS,
  });
}

async function walkLineage(
  client: QueryClient,
  conn: Connection,
  lineage: Lineage,
  pipelineId: number,
  names: readonly string[],
  window: number,
): Promise<FailingSinceResult> {
  const startJobs = await jobsOf(client, conn, lineage.project, pipelineId, START_STALE_MS);
  const startPipeline: HistoryPipeline = startJobs.items.find((j) => j.pipeline)?.pipeline ?? { id: pipelineId, status: 'failed' };
  const start = { pipeline: startPipeline, jobs: startJobs.items };
  const anyFailing = names.some((n) => startJobs.items.some((j) => j.name === n && j.status === 'failed'));
  const want = window + DEFAULT_FLAKY_LOOKBACK;
  let lookedAt = 1;
  let older: HistoryEntry<Job>[] = [];
  let exhausted = true;
  // In `via` mode the earlier root pipelines are followed to their downstream pipeline as the walk needs them.
  let roots: PipelineBasic[] = [];
  let noHistory = false;
  if (anyFailing) {
    const listLineage = lineage.via ? { project: lineage.via.rootProject, ref: lineage.ref } : lineage;
    const beforeId = lineage.via ? lineage.via.rootPipelineId : pipelineId;
    const page = await fetchLineageBefore(client, conn, listLineage, beforeId, want);
    lookedAt += page.pages;
    // The ref's child pipelines include the start one: none at all means this GitLab lists none.
    noHistory = lineage.child === true && page.listed === 0;
    exhausted = page.exhausted;
    if (lineage.via) roots = page.older.slice(0, want);
    else older = page.older.map((pipeline) => ({ pipeline }));
  }
  const followed = new Set<number>();
  for (;;) {
    const { results, fetch, needMore } = walkFailingSince(names, start, older, {
      window,
      exhausted: exhausted && roots.length === 0,
      more: roots.length > 0,
      // The ref's child pipelines mix configurations: a green one says nothing about a job it may not have.
      inferPass: lineage.child !== true,
    });
    if (fetch.length === 0 && !(needMore && roots.length > 0)) {
      const byName: Record<string, JobSince<Job>> = {};
      const culprits: Record<string, Culprit> = {};
      for (const [name, r] of results) {
        byName[name] = noHistory && r.state === 'failing' ? { ...r, bound: 'no-history' } : r;
        if (r.since) culprits[name] = culpritOf(r.since.pipeline, r.since.job);
      }
      return { byName, culprits, lookedAt };
    }
    if (fetch.length > 0) {
      const batch = fetch.slice(0, WALK_CONCURRENCY);
      lookedAt += batch.length;
      const fetched = new Map(
        await Promise.all(batch.map(async (id) => [id, (await jobsOf(client, conn, lineage.project, id, HISTORY_STALE_MS)).items] as const)),
      );
      older = older.map((e) => (fetched.has(e.pipeline.id) ? { ...e, jobs: fetched.get(e.pipeline.id) } : e));
    } else if (lineage.via) {
      const batch = roots.splice(0, WALK_CONCURRENCY);
      const bridges = lineage.via.bridges;
      const rootProject = lineage.via.rootProject;
      const downs = await Promise.all(batch.map((root) => followBridges(client, conn, rootProject, root, bridges)));
      for (const d of downs) {
        lookedAt += d.requests;
        if (d.pipeline && !followed.has(d.pipeline.id)) {
          followed.add(d.pipeline.id);
          older.push({ pipeline: d.pipeline });
        }
      }
    }
  }
}

/**
 * The downstream pipeline that a root pipeline reached through trigger jobs named `bridges`
 * (the latest attempt of each), or null when it has none (yet). One bridges list per level.
 */
export async function followBridges(
  client: QueryClient,
  conn: Connection,
  rootProject: ProjectRef,
  root: PipelineBasic,
  bridges: readonly string[],
): Promise<{ pipeline: PipelineBasic | null; requests: number }> {
  let project: ProjectRef = rootProject;
  let current: PipelineBasic | null = root;
  let requests = 0;
  for (const name of bridges) {
    if (current === null) break;
    const options = { ...pipelineBridgesQueryOptions(conn, project, current.id), staleTime: isFinishedStatus(current.status) ? HISTORY_STALE_MS : START_STALE_MS };
    const list: AllPages<Bridge> = await historyLimiter.run(() => client.fetchQuery(options));
    requests++;
    const bridge: Bridge | null = latestAttempt(list.items, name);
    const down: PipelineBasic | null = bridge?.downstream_pipeline ?? null;
    if (down === null) return { pipeline: null, requests };
    project = down.project_id ?? project;
    current = down;
  }
  return { pipeline: current, requests };
}

/** The lineage of a job's pipeline, from what the job itself says (its ref, its pipeline's source and project). */
export function lineageOfJob(job: Pick<Job, 'ref' | 'pipeline'>, fallbackProject: ProjectRef): Lineage | null {
  const ref = job.ref ?? job.pipeline?.ref;
  if (!ref) return null;
  return { project: job.pipeline?.project_id ?? fallbackProject, ref, child: job.pipeline?.source === 'parent_pipeline' };
}

export interface RefRedRunResult {
  run: RedRun;
  /** Who and what started the red run (from a failed job of its first pipeline). */
  culprit: Culprit | null;
  /** The names of the jobs that failed in the run's first pipeline. */
  failedJobs: string[];
}

/**
 * A ref's current red run for the wall's tiles: one page of the ref's pipelines (GitLab lists
 * no child pipelines there) and, when red, the jobs of the run's first pipeline for its commit,
 * author and what failed (its trigger jobs too when only they failed): three requests at most.
 */
export function refRedRunQueryOptions(conn: Connection, project: ProjectRef, ref: string, options: { window?: number; poll?: PollIntervals } = {}) {
  const window = Math.min(options.window ?? DEFAULT_WINDOW, HISTORY_PAGE_SIZE);
  return queryOptions({
    queryKey: gitlabKeys.refRedRun(conn, project, ref, { window }),
    queryFn: async ({ client }): Promise<RefRedRunResult> => {
      const page = await refPage(client, conn, { project, ref }, 1);
      const run = pipelineRedRun(page.items, { window, exhausted: page.next === null });
      if (run.state !== 'failing' || run.since === null) return { run, culprit: null, failedJobs: [] };
      // Every job carries the commit; the failed ones say what broke (trigger jobs, when only they failed).
      const jobs = await jobsOf(client, conn, project, run.since.id, HISTORY_STALE_MS);
      const blocking = (j: { status: string; allow_failure?: boolean | null | undefined }) => j.status === 'failed' && j.allow_failure !== true;
      let failedJobs = [...new Set(jobs.items.filter(blocking).map((j) => j.name))];
      if (failedJobs.length === 0) {
        const bridges = await client.fetchQuery({ ...pipelineBridgesQueryOptions(conn, project, run.since.id), staleTime: HISTORY_STALE_MS });
        failedJobs = [...new Set(bridges.items.filter(blocking).map((b) => b.name))];
      }
      return { run, culprit: culpritOf(run.since, jobs.items[0] ?? null), failedJobs };
    },
    staleTime: START_STALE_MS,
    // The one fault policy: the idle interval (a red run changes at the pace of pipelines), backing off on faults.
    ...(options.poll ? statusPolling((): string[] => [], options.poll) : {}),
  });
}
