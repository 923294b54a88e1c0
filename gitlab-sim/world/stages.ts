// GitLab's stage ordering: a pipeline's `created` jobs move on (queued, manual, delayed, held, or
// skipped after a failure) once every earlier stage is complete, and the pipeline's status and
// times follow from its jobs.
import type { Job, Pipeline, World } from './model.ts';
import { pipelineJobs } from './lookup.ts';
import { compositeStatus, isTerminal } from './statuses.ts';

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
