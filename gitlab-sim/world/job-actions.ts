// What a person can do to a job (cancel, retry, play, erase, keep or delete its artifacts), what
// allows each action, and what each does to the job and its pipeline.
import type { Job, World } from './model.ts';
import { getProject, listFor, pipelineJobs, pipelineOf } from './lookup.ts';
import { NOT_RUN } from './pipelines.ts';
import { advancePipeline } from './progress.ts';
import { createRandom, hashString } from './random.ts';
import { processGates } from './stages.ts';
import { isTerminal } from './statuses.ts';

const CANCELING_MS = 5_000;

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
