// The world's rules: how pipelines are made, how jobs move through their statuses over
// simulated time, and what each action on a job does. Pure functions over the World.
import type { Job, JobStatus, Pipeline, PipelineSource, Project, Schedule, World } from './model.ts';
import { createRandom, hashString, type Random } from './random.ts';
import { compositeStatus, isTerminal } from './statuses.ts';
import { TEMPLATES, type JobTemplate, type PipelineTemplate } from './templates.ts';

const CANCELING_MS = 5_000;
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

export function getProject(world: World, id: number): Project | undefined {
  return world.projects.find((p) => p.id === id);
}

export function pipelineJobs(world: World, pipeline: Pipeline): Job[] {
  const jobs: Job[] = [];
  for (const id of pipeline.jobIds) {
    const job = world.jobs.get(id);
    if (job) jobs.push(job);
  }
  return jobs;
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

function listFor(map: Map<number, number[]>, key: number): number[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** What a job holds before it has run: a new job starts here, and a retry starts over here. */
const NOT_RUN = {
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

// ---- time ----------------------------------------------------------------------------

const HELD: ReadonlySet<JobStatus> = new Set(['waiting_for_resource', 'preparing', 'waiting_for_callback']);

function nextEvent(world: World, job: Job, now: number): number | null {
  switch (job.status) {
    case 'pending':
      return (job.queuedAt ?? job.createdAt) + (job.kind === 'bridge' ? 0 : job.plan.queueSec * 1000);
    case 'running': {
      if (job.kind === 'build') return (job.startedAt ?? now) + job.plan.runSec * 1000;
      const down = job.downstreamPipelineId === null ? undefined : world.pipelines.get(job.downstreamPipelineId);
      if (!down) return null;
      advancePipeline(world, down, now);
      return isTerminal(down.status) ? Math.max(down.finishedAt ?? down.updatedAt, job.startedAt ?? 0) : null;
    }
    case 'scheduled':
      return job.scheduledAt;
    case 'canceling':
      return job.cancelingUntil;
    default:
      return HELD.has(job.status) ? (job.plan.hold?.until ?? now) : null;
  }
}

function finish(job: Job, outcome: JobStatus, at: number): void {
  job.status = outcome;
  job.finishedAt = at;
  job.failureReason = outcome === 'failed' ? job.plan.failureReason : null;
  if (outcome === 'success' && job.artifacts && job.kind === 'build') {
    job.artifacts.uploaded = true;
    job.artifacts.expireAt = job.artifacts.expireInMs === null ? null : at + job.artifacts.expireInMs;
  }
  if (outcome === 'success' && job.plan.coverage) job.coverage = 70 + (job.logSeed % 2500) / 100;
}

function apply(world: World, job: Job, at: number): void {
  switch (job.status) {
    case 'pending':
      job.status = 'running';
      job.startedAt = at;
      if (job.kind === 'build') job.runnerId = world.runners[job.id % world.runners.length]?.id ?? null;
      else trigger(world, job, at);
      return;
    case 'running': {
      if (job.kind === 'build') {
        finish(job, job.plan.outcome, at);
        return;
      }
      const down = job.downstreamPipelineId === null ? undefined : world.pipelines.get(job.downstreamPipelineId);
      const s = down?.status ?? 'failed';
      if (s === 'failed') job.plan.failureReason = 'unknown_failure';
      finish(job, s, at);
      return;
    }
    case 'scheduled':
      job.status = 'pending';
      job.queuedAt = at;
      job.scheduledAt = null;
      return;
    case 'canceling':
      job.status = 'canceled';
      job.finishedAt = at;
      job.cancelingUntil = null;
      return;
    case 'waiting_for_resource':
      job.status = 'pending';
      job.queuedAt = at;
      return;
    case 'preparing':
      job.status = 'running';
      job.startedAt = at;
      job.runnerId = world.runners[job.id % world.runners.length]?.id ?? null;
      return;
    case 'waiting_for_callback':
      finish(job, job.plan.outcome, at);
      return;
    default:
      return;
  }
}

function trigger(world: World, bridge: Job, at: number): void {
  const d = bridge.downstream;
  if (!d) return;
  const parent = world.pipelines.get(bridge.pipelineId);
  const down = createPipeline(world, {
    projectId: d.projectId,
    ref: d.ref,
    source: d.kind === 'child' ? 'parent_pipeline' : 'pipeline',
    at,
    userId: bridge.userId,
    template: d.template,
    parentBridgeId: bridge.id,
    ...(d.kind === 'child' && parent ? { sha: parent.commit.sha } : {}),
  });
  bridge.downstreamPipelineId = down.id;
}

function ready(job: Job, at: number): void {
  if (job.when === 'manual') {
    job.status = 'manual';
    return;
  }
  if (job.when === 'delayed') {
    job.status = 'scheduled';
    job.scheduledAt = at + job.plan.delaySec * 1000;
    return;
  }
  const hold = job.plan.hold;
  job.queuedAt = at;
  if (hold && hold.until > at) {
    job.status = hold.status;
    if (hold.status === 'waiting_for_callback') {
      job.startedAt = at;
      job.runnerId = 1;
    }
    return;
  }
  job.status = 'pending';
}

/** Moves `created` jobs on once every earlier stage is complete, as GitLab's stage ordering does. */
export function processGates(world: World, pipeline: Pipeline, at: number): void {
  const jobs = pipelineJobs(world, pipeline).filter((j) => !j.retried);
  const stages = [...new Set(jobs.map((j) => j.stageIdx))].sort((a, b) => a - b);
  for (const stage of stages) {
    const prior = jobs.filter((j) => j.stageIdx < stage);
    const done = prior.every((j) => isTerminal(j.status) || (j.status === 'manual' && j.allowFailure));
    if (!done) break;
    const bad = prior.some((j) => (j.status === 'failed' || j.status === 'canceled') && !j.allowFailure);
    for (const job of jobs) {
      if (job.stageIdx !== stage || job.status !== 'created') continue;
      if (bad && job.when !== 'always') job.status = 'skipped';
      else ready(job, at);
    }
  }
  refreshPipeline(world, pipeline, at);
}

function refreshPipeline(world: World, pipeline: Pipeline, at: number): void {
  const jobs = pipelineJobs(world, pipeline).filter((j) => !j.retried);
  const { status, warnings } = compositeStatus(jobs);
  if (status !== pipeline.status || warnings !== pipeline.warnings) {
    pipeline.status = status;
    pipeline.warnings = warnings;
  }
  pipeline.updatedAt = Math.max(pipeline.updatedAt, at);
  const starts = jobs.map((j) => j.startedAt).filter((t): t is number => t !== null);
  pipeline.startedAt = starts.length ? Math.min(...starts) : null;
  if (isTerminal(status)) {
    const ends = jobs.map((j) => j.finishedAt).filter((t): t is number => t !== null);
    pipeline.finishedAt = ends.length ? Math.max(...ends) : at;
  } else {
    pipeline.finishedAt = null;
  }
}

/** Plays a pipeline's events up to `now`, in time order. */
export function advancePipeline(world: World, pipeline: Pipeline, now: number): void {
  for (let guard = 0; guard < 100_000; guard++) {
    const jobs = pipelineJobs(world, pipeline);
    let t = Infinity;
    const times = new Map<Job, number>();
    for (const job of jobs) {
      const e = nextEvent(world, job, now);
      if (e === null) continue;
      times.set(job, e);
      if (e < t) t = e;
    }
    if (t > now) break;
    for (const [job, e] of times) if (e === t) apply(world, job, t);
    processGates(world, pipeline, t);
  }
  const live = pipelineJobs(world, pipeline).some(
    (j) => !j.retried && (HELD.has(j.status) || ['pending', 'running', 'scheduled', 'canceling'].includes(j.status)),
  );
  if (live) world.active.add(pipeline.id);
  else world.active.delete(pipeline.id);
}

/** Brings the whole world up to `now`: new periodic pipelines, then every active one. */
export function advanceWorld(world: World, now: number): void {
  const due = Math.floor((now - world.startAt) / world.periodicEveryMs);
  if (due > world.periodicCount) {
    // A clock jumped far ahead only materialises the most recent pipelines.
    world.periodicCount = Math.max(world.periodicCount, due - 200);
    while (world.periodicCount < due) {
      world.periodicCount++;
      const at = world.startAt + world.periodicCount * world.periodicEveryMs;
      const p = createPipeline(world, { projectId: 1, ref: 'main', source: 'push', at, userId: 3, template: 'backend' });
      advancePipeline(world, p, now);
    }
  }
  for (const s of world.schedules) advanceSchedule(world, s, now);
  for (const id of [...world.active]) {
    const p = world.pipelines.get(id);
    if (p) advancePipeline(world, p, now);
  }
}

/** Creates the schedule's pipelines due by `now` (a clock jumped far ahead only makes the latest few). */
export function advanceSchedule(world: World, s: Schedule, now: number): void {
  const due = Math.floor((now - world.startAt - s.offsetMs) / s.everyMs) + 1;
  if (due <= s.next) return;
  s.next = Math.max(s.next, due - 20);
  while (s.next < due) {
    const k = s.next++;
    const at = world.startAt + s.offsetMs + k * s.everyMs;
    const userId = s.userIds[Math.abs(hashInt(world.seed, s.projectId, k)) % s.userIds.length] ?? 3;
    const p = createPipeline(world, { projectId: s.projectId, ref: s.ref, source: 'push', at, userId, template: s.template });
    authoredBy(world, p, userId);
    advancePipeline(world, p, now);
  }
}

/** A push's commit is the pusher's own (the fleet's pushes; the seeded projects keep theirs). */
export function authoredBy(world: World, p: Pipeline, userId: number): void {
  const user = world.users.find((u) => u.id === userId);
  if (!user) return;
  p.commit.authorName = user.name;
  p.commit.authorEmail = user.email;
}

function hashInt(seed: number, a: number, b: number): number {
  let h = (seed * 31 + a) | 0;
  h = Math.imul(h ^ (b + 0x9e3779b9), 0x85ebca6b);
  return h ^ (h >>> 13);
}


// ---- predicates ----------------------------------------------------------------------

export function isArchived(world: World, job: Job, now: number): boolean {
  const project = getProject(world, job.projectId);
  return !!project && project.archiveAfterMs !== null && job.createdAt < now - project.archiveAfterMs;
}

export function hasArchive(job: Job, now: number): boolean {
  const a = job.artifacts;
  return !!a && a.uploaded && !a.deleted && job.erasedAt === null && (a.expireAt === null || a.expireAt > now);
}

export function hasLog(job: Job): boolean {
  return job.kind === 'build' && job.erasedAt === null && job.startedAt !== null;
}

/** GitLab's `Ci::Build#retryable?`: an attempt that was already retried is not (its newer attempt is). */
export function isRetryable(world: World, job: Job, now: number): boolean {
  if (job.retried) return false;
  return (job.status === 'success' || job.status === 'failed' || job.status === 'canceled') && !isArchived(world, job, now);
}

export function isPlayable(world: World, job: Job, now: number): boolean {
  if (job.when !== 'manual' && job.when !== 'delayed') return false;
  if (isArchived(world, job, now)) return false;
  return job.status === 'manual' || job.status === 'scheduled' || isRetryable(world, job, now);
}

export function isCancelable(job: Job): boolean {
  return ['created', 'waiting_for_resource', 'preparing', 'pending', 'running'].includes(job.status);
}

export function isErasable(job: Job, now: number): boolean {
  return job.kind === 'build' && isTerminal(job.status) && (hasLog(job) || hasArchive(job, now));
}

// ---- actions -------------------------------------------------------------------------

function pipelineOf(world: World, job: Job): Pipeline {
  const p = world.pipelines.get(job.pipelineId);
  if (!p) throw new Error(`job ${job.id} has no pipeline`);
  return p;
}

/** GitLab answers 201 with the job unchanged when it cannot be canceled. */
export function cancelJob(world: World, job: Job, now: number): Job {
  if (!isCancelable(job)) return job;
  if (job.status === 'running') {
    const run = Math.max(1, job.plan.runSec * 1000);
    job.cancelFraction = Math.min(1, Math.max(0, (now - (job.startedAt ?? now)) / run));
    job.status = 'canceling';
    job.cancelingUntil = now + CANCELING_MS;
  } else {
    job.status = 'canceled';
    job.finishedAt = now;
  }
  const p = pipelineOf(world, job);
  processGates(world, p, now);
  advancePipeline(world, p, now);
  return job;
}

/** A new job with a new id takes the old one's place; the old one is kept as retried. */
export function retryJob(
  world: World,
  job: Job,
  now: number,
  userId: number,
  opts: { variables?: { key: string; value: string }[] } = {},
): Job {
  const p = pipelineOf(world, job);
  const rng = createRandom(hashString(`${world.seed}:retry:${job.id}`));
  const copy: Job = {
    ...job,
    id: world.nextJobId++,
    ...NOT_RUN,
    createdAt: now,
    plan: { ...job.plan, outcome: rng.chance(0.2) ? 'failed' : 'success', hold: null },
    userId,
    retried: false,
    artifacts: job.artifacts ? { ...job.artifacts, expireAt: null, uploaded: false, deleted: false } : null,
    variables: opts.variables ?? [...job.variables],
    logSeed: rng.int(1, 2 ** 31 - 1),
    tagList: [...job.tagList],
  };
  job.retried = true;
  world.jobs.set(copy.id, copy);
  p.jobIds.push(copy.id);
  listFor(world.projectJobs, copy.projectId).push(copy.id);
  // GitLab resets the later jobs that were skipped because of this one.
  for (const other of pipelineJobs(world, p)) {
    if (!other.retried && other.stageIdx > copy.stageIdx && other.status === 'skipped') other.status = 'created';
  }
  // GitLab enqueues a retried job at once (`set_enqueue_immediately!`), whatever its stage.
  copy.status = 'pending';
  copy.queuedAt = now;
  processGates(world, p, now);
  advancePipeline(world, p, now);
  return copy;
}

/** Plays a manual or delayed job; a finished one is run again as a new job, as GitLab does. */
export function playJob(world: World, job: Job, now: number, userId: number, variables: { key: string; value: string }[]): Job {
  if (job.status !== 'manual' && job.status !== 'scheduled') {
    return retryJob(world, job, now, userId, { variables });
  }
  job.variables = variables;
  job.userId = userId;
  job.status = 'pending';
  job.queuedAt = now;
  job.scheduledAt = null;
  const p = pipelineOf(world, job);
  processGates(world, p, now);
  advancePipeline(world, p, now);
  return job;
}

export function eraseJob(world: World, job: Job, now: number): Job {
  job.erasedAt = now;
  if (job.artifacts) job.artifacts.deleted = true;
  pipelineOf(world, job).updatedAt = now;
  return job;
}

export function keepArtifacts(job: Job): Job {
  if (job.artifacts) job.artifacts.expireAt = null;
  return job;
}

export function deleteArtifacts(job: Job): void {
  if (job.artifacts) job.artifacts.deleted = true;
}

export function jobToken(job: Job): string {
  return `glcbt-sim-job-${job.id}`;
}
