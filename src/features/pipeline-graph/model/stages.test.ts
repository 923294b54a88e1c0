import { describe, expect, it } from 'vitest';
import { buildStageGraph, detectRetried, orderStages } from './stages.ts';
import type { GraphBridgeInput, GraphJobInput } from './types.ts';

function job(id: number, stage: string, name: string, status = 'success', extra: Partial<GraphJobInput> = {}): GraphJobInput {
  return { id, stage, name, status, pipeline: { id: 100, project_id: 1 }, ...extra };
}

// As GET /pipelines/:id/jobs returns them: newest id first.
const pipelineJobs: GraphJobInput[] = [
  job(31, 'deploy', 'production', 'manual', { allow_failure: false }),
  job(30, 'deploy', 'staging'),
  job(24, 'test', 'e2e', 'failed', { allow_failure: true }),
  job(23, 'test', 'rspec 2/2'),
  job(22, 'test', 'rspec 1/2', 'failed'),
  job(21, 'test', 'lint'),
  job(11, 'build', 'compile'),
  job(10, 'build', 'assets'),
];

describe('orderStages', () => {
  it('orders stages by their smallest job id', () => {
    expect(orderStages(pipelineJobs)).toEqual(['build', 'test', 'deploy']);
  });

  it('puts .pre first and .post last whatever their ids', () => {
    const jobs = [job(5, '.post', 'notify'), job(50, '.pre', 'check'), ...pipelineJobs];
    expect(orderStages(jobs)).toEqual(['.pre', 'build', 'test', 'deploy', '.post']);
  });

  it('lets a known order win over the heuristic', () => {
    expect(orderStages(pipelineJobs, ['deploy', 'build'])).toEqual(['deploy', 'build', 'test']);
  });

  it('falls back to created_at, then name, when ids do not decide', () => {
    const jobs = [
      job(1, 'b', 'x', 'success', { created_at: '2024-01-01T00:00:02Z' }),
      job(1, 'a', 'y', 'success', { created_at: '2024-01-01T00:00:01Z' }),
      job(1, 'd', 'z'),
      job(1, 'c', 'w'),
    ];
    expect(orderStages(jobs)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('has a known limit: a stage whose every job was retried, seen without its older attempts, moves last', () => {
    const retriedBuild = [job(40, 'build', 'compile'), job(21, 'test', 'lint')];
    expect(orderStages(retriedBuild)).toEqual(['test', 'build']);
    // With include_retried the original attempt keeps the stage in place.
    expect(orderStages([...retriedBuild, job(11, 'build', 'compile', 'failed')])).toEqual(['build', 'test']);
  });

  it('puts jobs without a stage together under ""', () => {
    expect(orderStages([{ id: 1, name: 'a', status: 'success' }, job(2, 'test', 'b')])).toEqual(['', 'test']);
  });
});

describe('detectRetried', () => {
  it('keeps the newest id of each name and marks the older attempts', () => {
    const jobs = [job(3, 'test', 'rspec'), job(2, 'test', 'lint'), job(1, 'test', 'rspec', 'failed'), job(5, 'test', 'rspec', 'failed')];
    const split = detectRetried(jobs);
    expect(split.latest.map((j) => j.id)).toEqual([2, 5]);
    expect(split.retried.map((j) => j.id)).toEqual([3, 1]);
    expect([...split.retriedIds].sort()).toEqual([1, 3]);
  });

  it('does not call jobs of the same name in different pipelines retried', () => {
    const a = job(1, 'test', 'rspec');
    const b = { ...job(2, 'test', 'rspec'), pipeline: { id: 200 } };
    expect(detectRetried([a, b]).retried).toEqual([]);
  });

  it('treats jobs without a pipeline as one pipeline', () => {
    const jobs: GraphJobInput[] = [
      { id: 7, name: 'x', status: 'success' },
      { id: 9, name: 'x', status: 'success' },
    ];
    expect(detectRetried(jobs).retried.map((j) => j.id)).toEqual([7]);
  });
});

describe('buildStageGraph', () => {
  it('builds columns in stage order with links between consecutive stages', () => {
    const graph = buildStageGraph({ jobs: pipelineJobs, bridges: [] });
    expect(graph.stages.map((s) => [s.name, s.index, s.size, s.status])).toEqual([
      ['build', 0, 2, 'success'],
      ['test', 1, 4, 'failed'],
      ['deploy', 2, 2, 'manual'],
    ]);
    expect(graph.links).toEqual([
      { fromStage: 'build', toStage: 'test' },
      { fromStage: 'test', toStage: 'deploy' },
    ]);
  });

  it('puts failed groups first, then the others in GitLab order; an allowed failure is not failed', () => {
    const test = buildStageGraph({ jobs: pipelineJobs, bridges: [] }).stages[1];
    expect(test?.groups.map((g) => [g.name, g.size, g.status, g.failed, g.warnings])).toEqual([
      ['rspec', 2, 'failed', true, false],
      ['e2e', 1, 'success', false, true],
      ['lint', 1, 'success', false, false],
    ]);
    expect(test?.warnings).toBe(true);
  });

  it('hides older attempts by default and shows them marked when asked', () => {
    const jobs = [job(25, 'test', 'rspec 1/2'), ...pipelineJobs];
    const hidden = buildStageGraph({ jobs, bridges: [] });
    const rspec = hidden.stages[1]?.groups.find((g) => g.name === 'rspec');
    expect(rspec?.jobs.map((j) => j.id)).toEqual([25, 23]);
    expect(rspec?.retried).toEqual([]);
    expect(rspec?.status).toBe('success');
    expect(hidden.retriedIds).toEqual(new Set([22]));

    const shown = buildStageGraph({ jobs, bridges: [] }, { includeRetried: true });
    const rspecShown = shown.stages[1]?.groups.find((g) => g.name === 'rspec');
    expect(rspecShown?.jobs.map((j) => j.id)).toEqual([25, 23]);
    expect(rspecShown?.retried.map((j) => j.id)).toEqual([22]);
    expect(rspecShown?.size).toBe(2);
    expect(shown.stages[1]?.size).toBe(4);
    expect(shown.stages[1]?.status).toBe('success');
  });

  it('makes trigger jobs nodes of their own kind in their stage', () => {
    const bridges: GraphBridgeInput[] = [
      { ...job(32, 'deploy', 'trigger child', 'running'), downstream_pipeline: { id: 101, project_id: 1, status: 'running' } },
    ];
    const graph = buildStageGraph({ jobs: pipelineJobs, bridges });
    const deploy = graph.stages[2];
    expect(deploy?.groups.map((g) => [g.name, g.node])).toEqual([
      ['production', 'job'],
      ['staging', 'job'],
      ['trigger child', 'trigger'],
    ]);
    expect(deploy?.status).toBe('running');
    expect(graph.bridgeIds).toEqual(new Set([32]));
  });

  it('builds a graph of a pipeline made only of bridges', () => {
    const bridges: GraphBridgeInput[] = [{ ...job(1, 'trigger', 'downstream', 'success'), downstream_pipeline: null }];
    const graph = buildStageGraph({ jobs: [], bridges });
    expect(graph.stages).toHaveLength(1);
    expect(graph.links).toEqual([]);
  });

  it('returns an empty graph for an empty pipeline', () => {
    expect(buildStageGraph({ jobs: [], bridges: [] })).toEqual({
      stages: [],
      links: [],
      retriedIds: new Set(),
      bridgeIds: new Set(),
    });
  });
});
