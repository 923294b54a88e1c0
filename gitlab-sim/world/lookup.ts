// Finding things in the World: a project by id, a pipeline's jobs, a job's pipeline, and the
// per-project id lists that grow as pipelines and jobs are made.
import type { Job, Pipeline, Project, World } from './model.ts';

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

export function pipelineOf(world: World, job: Job): Pipeline {
  const p = world.pipelines.get(job.pipelineId);
  if (!p) throw new Error(`job ${job.id} has no pipeline`);
  return p;
}

export function listFor(map: Map<number, number[]>, key: number): number[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}
