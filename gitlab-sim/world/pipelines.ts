// Making pipelines: a pipeline from a template with its jobs (all `created`, each with the plan of
// how it will run), then let through its first stage at the time it was made.
import type { Job, Pipeline, PipelineSource, World } from './model.ts';
import { listFor } from './lookup.ts';
import { createRandom, hashString, type Random } from './random.ts';
import { processGates } from './stages.ts';
import { TEMPLATES, type JobTemplate, type PipelineTemplate } from './templates.ts';

const COMMIT_TITLES = [
  'Fix flaky login spec',
  'Bump rails to 7.2.1',
  'Add pagination to the orders API',
  'Refactor invoice rendering',
  'Update CI images',
  'Cache compiled assets between stages',
  'Handle empty carts at checkout',
  'Speed up the rspec suite',
  'Log slow SQL queries',
  'Remove the legacy importer',
];

export function pipelineRandom(world: World, pipelineId: number, salt = 0): Random {
  return createRandom(hashString(`${world.seed}:${pipelineId}:${salt}`));
}

export interface NewPipeline {
  projectId: number;
  ref: string;
  tag?: boolean;
  source: PipelineSource;
  at: number;
  userId: number;
  template: string | PipelineTemplate;
  parentBridgeId?: number | null;
  sha?: string;
  /** Seed hook: change a job's plan before anything runs. */
  adjust?: (job: Job) => void;
}

function templateOf(t: string | PipelineTemplate): PipelineTemplate {
  if (typeof t !== 'string') return t;
  const found = TEMPLATES[t];
  if (!found) throw new Error(`unknown pipeline template ${t}`);
  return found;
}

function span(rng: Random, range: [number, number] | undefined, fallback: [number, number]): number {
  const [min, max] = range ?? fallback;
  return rng.int(min, max);
}

/** Creates a pipeline and its jobs (all `created`), then lets it start at `at`. */
export function createPipeline(world: World, spec: NewPipeline): Pipeline {
  const id = world.nextPipelineId++;
  const rng = pipelineRandom(world, id);
  const template = templateOf(spec.template);
  const iid = world.nextIid.get(spec.projectId) ?? 1;
  world.nextIid.set(spec.projectId, iid + 1);
  const sha = spec.sha ?? rng.hex(40);
  const title = rng.pick(COMMIT_TITLES);
  const author = rng.pick([
    { name: 'Alice Developer', email: 'alice@example.com' },
    { name: 'Sim Admin', email: 'admin@example.com' },
  ]);
  const pipeline: Pipeline = {
    id,
    iid,
    projectId: spec.projectId,
    ref: spec.ref,
    tag: spec.tag ?? false,
    source: spec.source,
    commit: {
      sha,
      parentSha: rng.hex(40),
      title,
      message: `${title}\n\nSee the linked issue for details.\n`,
      authorName: author.name,
      authorEmail: author.email,
      at: spec.at - rng.int(60, 3_600) * 1000,
    },
    beforeSha: rng.hex(40),
    userId: spec.userId,
    status: 'created',
    warnings: false,
    createdAt: spec.at,
    updatedAt: spec.at,
    startedAt: null,
    finishedAt: null,
    jobIds: [],
    parentBridgeId: spec.parentBridgeId ?? null,
  };
  world.pipelines.set(id, pipeline);
  listFor(world.projectPipelines, spec.projectId).push(id);
  for (const t of template.jobs) {
    const job = newJob(world, pipeline, t, template.stages.indexOf(t.stage), rng);
    spec.adjust?.(job);
  }
  processGates(world, pipeline, spec.at);
  world.active.add(id);
  return pipeline;
}

/** What a job holds before it has run: a new job starts here, and a retry starts over here. */
export const NOT_RUN = {
  status: 'created',
  queuedAt: null,
  startedAt: null,
  finishedAt: null,
  erasedAt: null,
  scheduledAt: null,
  cancelingUntil: null,
  cancelFraction: null,
  failureReason: null,
  coverage: null,
  runnerId: null,
  downstreamPipelineId: null,
} as const satisfies Partial<Job>;

function newJob(world: World, pipeline: Pipeline, t: JobTemplate, stageIdx: number, rng: Random): Job {
  const kind = t.kind ?? 'build';
  const failed = rng.chance(t.failChance ?? 0);
  const downstream = t.downstream
    ? {
        projectId: t.downstream.project === 'self' ? pipeline.projectId : t.downstream.project,
        kind: t.downstream.kind,
        ref: t.downstream.ref ?? pipeline.ref,
        template: t.downstream.template,
      }
    : null;
  const job: Job = {
    id: world.nextJobId++,
    kind,
    projectId: pipeline.projectId,
    pipelineId: pipeline.id,
    name: t.name,
    stage: t.stage,
    stageIdx,
    when: t.when ?? 'on_success',
    allowFailure: t.allowFailure ?? false,
    ...NOT_RUN,
    createdAt: pipeline.createdAt,
    plan: {
      queueSec: span(rng, t.queueSec, [1, 8]),
      runSec: kind === 'bridge' ? 0 : span(rng, t.runSec, [20, 60]),
      outcome: failed ? 'failed' : 'success',
      failureReason: rng.pick(t.failureReasons ?? ['script_failure']),
      delaySec: t.delaySec ?? 0,
      coverage: t.coverage ?? false,
      hold: null,
    },
    tagList: t.tags ?? [],
    userId: pipeline.userId,
    retried: false,
    artifacts: t.artifacts ? { ...t.artifacts, expireAt: null, uploaded: false, deleted: false } : null,
    variables: [],
    logSeed: rng.int(1, 2 ** 31 - 1),
    logTimestamps: t.timestamps ?? false,
    hugeLog: t.hugeLog ?? false,
    downstream,
  };
  world.jobs.set(job.id, job);
  pipeline.jobIds.push(job.id);
  listFor(world.projectJobs, pipeline.projectId).push(job.id);
  return job;
}
