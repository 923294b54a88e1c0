// A pipeline of any size, for benchmarks of the pipeline graph: N jobs over S stages with B
// trigger jobs, shaped like a real monorepo pipeline (singles, parallel `name i/n` groups,
// matrix `name: [x, y]` groups, an allowed failure and a manual job per stage), then run by the
// same engine as every other pipeline.
import { createPipeline } from './pipelines.ts';
import type { Pipeline, World } from './model.ts';
import type { JobTemplate, PipelineTemplate } from './templates.ts';

export interface LargePipelineSpec {
  projectId: number;
  jobs: number;
  stages: number;
  bridges: number;
  at: number;
  userId: number;
  ref?: string;
}

/** The job templates: jobs spread evenly over the stages, trigger jobs in the later stages. */
export function largeTemplate(jobs: number, stages: number, bridges: number, selfProjectId: number): PipelineTemplate {
  const stageNames = Array.from({ length: stages }, (_, s) => `stage-${String(s + 1).padStart(2, '0')}`);
  const templates: JobTemplate[] = [];
  const builds = Math.max(0, jobs - bridges);
  for (let s = 0; s < stages; s++) {
    const stage = stageNames[s] ?? 'test';
    const count = Math.floor(builds / stages) + (s < builds % stages ? 1 : 0);
    let made = 0;
    const add = (t: Omit<JobTemplate, 'stage'>) => {
      if (made >= count) return;
      templates.push({ stage, runSec: [15, 90], queueSec: [1, 10], ...t });
      made++;
    };
    // A parallel group of up to 10, a matrix group of up to 6, then singles.
    const parallel = Math.min(10, Math.floor(count / 4));
    for (let i = 1; i <= parallel; i++) add({ name: `unit-${s + 1} ${i}/${parallel}` });
    const matrix = Math.min(6, Math.floor(count / 6));
    for (let i = 0; i < matrix; i++) add({ name: `integration-${s + 1}: [${['ruby', 'node', 'go'][i % 3]}, ${10 + i}]` });
    add({ name: `flaky-${s + 1}`, allowFailure: true, failChance: 0.3 });
    add({ name: `manual-${s + 1}`, when: 'manual', allowFailure: true });
    for (let i = 1; made < count; i++) add({ name: `job-${s + 1}-${String(i).padStart(3, '0')}` });
  }
  for (let b = 0; b < bridges; b++) {
    // Trigger jobs sit in the second half of the pipeline, alternating child and multi-project.
    const stage = stageNames[Math.min(stages - 1, Math.floor(stages / 2) + (b % Math.max(1, Math.ceil(stages / 2))))] ?? 'deploy';
    const child = b % 2 === 0;
    templates.push({
      name: `trigger-${b + 1}`,
      stage,
      kind: 'bridge',
      downstream: child ? { project: 'self', kind: 'child', template: 'docs' } : { project: selfProjectId === 2 ? 1 : 2, kind: 'multi', template: 'deploy', ref: 'main' },
    });
  }
  // Jobs are created in stage order, as GitLab does (ids follow the stage index).
  const order = new Map(stageNames.map((n, i) => [n, i]));
  templates.sort((a, b) => (order.get(a.stage) ?? 0) - (order.get(b.stage) ?? 0));
  return { stages: stageNames, jobs: templates };
}

export function createLargePipeline(world: World, spec: LargePipelineSpec): Pipeline {
  return createPipeline(world, {
    projectId: spec.projectId,
    ref: spec.ref ?? 'main',
    source: 'api',
    at: spec.at,
    userId: spec.userId,
    template: largeTemplate(spec.jobs, spec.stages, spec.bridges, spec.projectId),
  });
}
