// Stage columns of a pipeline graph, built from REST jobs and bridges alone.
//
// Stage order. GitLab orders stages by their index (`ci_stages.position`, see
// gitlab-org/gitlab `app/models/ci/stage.rb`), which REST does not return. Jobs and bridges
// share one id sequence (one table, `p_ci_builds`) and a pipeline's jobs are created stage
// by stage when the pipeline is created, so the smallest job id of a stage follows the stage
// index. Limits of this heuristic:
// - a stage whose every job was retried, seen without `include_retried`, only has new ids
//   and moves to the end (fetch with include_retried, or pass `stageOrder`, to avoid it);
// - jobs added to a running pipeline later (GitLab does not do this for YAML jobs) would
//   place their stage by their later ids;
// - `.pre` always comes first and `.post` last, as GitLab forces them there.
// Ties (no ids cannot tie, but a caller may merge pipelines) fall back to created_at, then name.
//
// Retried jobs. REST has no `retried` flag: with `include_retried=true`, an older job of the
// same name in the same pipeline is an older attempt; the newest id is the current one
// (CommitStatus#update_older_statuses_retried! marks every other job of that name retried).
//
// Groups in a column: GitLab's order (Ci::Group.fabricate, see group-name.ts), then the
// column shows failed groups first (stage_column_component.vue: `failedJobs`, `nonFailedJobs`).

import { compositeStatus, type CompositeStatus } from './composite-status.ts';
import { groupJobs, type JobGroup } from './group-name.ts';
import type { GraphBridgeInput, GraphJobInput, PipelineJobsInput } from './types.ts';

export interface RetriedSplit<J extends GraphJobInput> {
  /** The newest attempt of every name, in input order. */
  latest: J[];
  /** Older attempts, in input order. */
  retried: J[];
  retriedIds: ReadonlySet<number>;
}

/** Splits jobs into current ones and older attempts: per pipeline and name, the newest id wins. */
export function detectRetried<J extends GraphJobInput>(jobs: readonly J[]): RetriedSplit<J> {
  const newest = new Map<string, number>();
  const keyOf = (job: J): string => `${job.pipeline?.id ?? ''}\u0000${job.name}`;
  for (const job of jobs) {
    const key = keyOf(job);
    const seen = newest.get(key);
    if (seen === undefined || job.id > seen) newest.set(key, job.id);
  }
  const latest: J[] = [];
  const retried: J[] = [];
  const retriedIds = new Set<number>();
  for (const job of jobs) {
    if (newest.get(keyOf(job)) === job.id) {
      latest.push(job);
    } else {
      retried.push(job);
      retriedIds.add(job.id);
    }
  }
  return { latest, retried, retriedIds };
}

/** The stage name of a job; jobs without one (never seen from GitLab) share the stage "". */
export function stageOf(job: Pick<GraphJobInput, 'stage'>): string {
  return job.stage ?? '';
}

function timeOf(iso: string | null | undefined): number {
  if (iso === null || iso === undefined) return Number.POSITIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function fixedRank(stage: string): number {
  if (stage === '.pre') return 0;
  if (stage === '.post') return 2;
  return 1;
}

/**
 * Stage names in pipeline order: `.pre` first, `.post` last; stages named in `stageOrder`
 * in that order; the rest by their smallest job id (see the heuristic above).
 */
export function orderStages(jobs: readonly GraphJobInput[], stageOrder: readonly string[] = []): string[] {
  const info = new Map<string, { minId: number; minCreated: number }>();
  for (const job of jobs) {
    const stage = stageOf(job);
    const entry = info.get(stage);
    const created = timeOf(job.created_at);
    if (entry === undefined) {
      info.set(stage, { minId: job.id, minCreated: created });
    } else {
      entry.minId = Math.min(entry.minId, job.id);
      entry.minCreated = Math.min(entry.minCreated, created);
    }
  }
  const hint = (stage: string): number => {
    const i = stageOrder.indexOf(stage);
    return i === -1 ? stageOrder.length : i;
  };
  return [...info.entries()]
    .sort(([a, x], [b, y]) => {
      return (
        fixedRank(a) - fixedRank(b) ||
        hint(a) - hint(b) ||
        x.minId - y.minId ||
        (x.minCreated === y.minCreated ? 0 : x.minCreated < y.minCreated ? -1 : 1) ||
        (a < b ? -1 : a > b ? 1 : 0)
      );
    })
    .map(([stage]) => stage);
}

/** A node of a stage column: a job group, or a trigger-job group when all its jobs are bridges. */
export interface StageGroup<J extends GraphJobInput> extends JobGroup<J> {
  node: 'job' | 'trigger';
  /** Shown in the "Failed jobs" part at the top of the column. */
  failed: boolean;
}

export interface StageColumn<J extends GraphJobInput> {
  name: string;
  /** Position in the pipeline, from 0. */
  index: number;
  /** Failed groups first, then the others; each part in GitLab's order. */
  groups: StageGroup<J>[];
  /** Composite of the stage's current jobs (the stage status GitLab shows). */
  status: CompositeStatus | null;
  warnings: boolean;
  /** Current jobs in the stage. */
  size: number;
}

export interface StageLink {
  fromStage: string;
  toStage: string;
}

export interface StageGraph<J extends GraphJobInput> {
  stages: StageColumn<J>[];
  /** One link between each pair of consecutive stages. */
  links: StageLink[];
  /** Older attempts found in the input (whether shown or not). */
  retriedIds: ReadonlySet<number>;
  /** Ids of the bridges (trigger jobs) in the input. */
  bridgeIds: ReadonlySet<number>;
}

export interface BuildStagesOptions {
  /** Show older attempts (the jobs must have been fetched with include_retried=true). */
  includeRetried?: boolean;
  /** Known stage order (e.g. from a previous view or the CI config); wins over the heuristic. */
  stageOrder?: readonly string[];
}

/** Stage columns with grouped jobs and trigger jobs, failed groups first, and the links between consecutive stages. */
export function buildStageGraph<J extends GraphJobInput, B extends GraphBridgeInput>(
  input: PipelineJobsInput<J, B>,
  options: BuildStagesOptions = {},
): StageGraph<J | B> {
  const all: (J | B)[] = [...input.jobs, ...input.bridges];
  const bridgeIds = new Set(input.bridges.map((b) => b.id));
  const { latest, retriedIds } = detectRetried(all);
  const shown = options.includeRetried === true ? all : latest;
  const groupOptions = options.includeRetried === true ? { retriedIds } : {};

  const byStage = new Map<string, (J | B)[]>();
  for (const job of shown) {
    const stage = stageOf(job);
    const list = byStage.get(stage);
    if (list === undefined) byStage.set(stage, [job]);
    else list.push(job);
  }

  // Every attempt informs the order, including hidden ones: older attempts hold the
  // original, smaller ids.
  const names = orderStages(all, options.stageOrder).filter((name) => byStage.has(name));
  const stages = names.map((name, index): StageColumn<J | B> => {
    const jobs = byStage.get(name) ?? [];
    const groups = groupJobs(jobs, groupOptions).map(
      (group): StageGroup<J | B> => ({
        ...group,
        node: group.jobs.length > 0 && group.jobs.every((j) => bridgeIds.has(j.id)) ? 'trigger' : 'job',
        failed: group.status === 'failed',
      }),
    );
    const current = jobs.filter((j) => !retriedIds.has(j.id));
    const composite = compositeStatus(current);
    return {
      name,
      index,
      groups: [...groups.filter((g) => g.failed), ...groups.filter((g) => !g.failed)],
      status: composite.status,
      warnings: composite.warnings,
      size: current.length,
    };
  });

  const links: StageLink[] = [];
  for (let i = 1; i < stages.length; i++) {
    const from = stages[i - 1];
    const to = stages[i];
    if (from !== undefined && to !== undefined) links.push({ fromStage: from.name, toStage: to.name });
  }
  return { stages, links, retriedIds, bridgeIds };
}
