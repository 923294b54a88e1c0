// Simulated time: how jobs move through their statuses (queued, running, finished, canceled,
// a trigger job's downstream pipeline), pipeline by pipeline in time order, and the periodic and
// scheduled pipelines that the clock brings.
import type { Job, JobStatus, Pipeline, Schedule, World } from './model.ts';
import { pipelineJobs } from './lookup.ts';
import { createPipeline } from './pipelines.ts';
import { processGates } from './stages.ts';
import { isTerminal } from './statuses.ts';

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
