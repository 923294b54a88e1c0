// The model's structural inputs accept the client's parsed GitLab entities as they are.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BridgeListSchema, JobListSchema, type Bridge, type Job } from '../../../gitlab/types.ts';
import { downstreamCards } from './downstream.ts';
import { buildStageGraph } from './stages.ts';
import { buildTimeline } from './timeline.ts';
import type { GraphBridgeInput, GraphJobInput } from './types.ts';

// Abridged from the examples of api-docs/jobs-api-17.txt ("List pipeline jobs", "List pipeline trigger jobs").
const jobsBody: unknown = [
  {
    id: 7,
    name: 'teaspoon',
    status: 'failed',
    stage: 'test',
    allow_failure: false,
    created_at: '2015-12-24T15:51:21.802Z',
    started_at: '2015-12-24T17:54:27.722Z',
    finished_at: '2015-12-24T17:54:27.895Z',
    duration: 0.173,
    queued_duration: 0.023,
    pipeline: { id: 6, project_id: 1, ref: 'main', sha: '0ff3ae19', status: 'pending' },
    web_url: 'https://example.com/foo/bar/-/jobs/7',
    failure_reason: 'script_failure',
  },
  {
    id: 6,
    name: 'rspec:other',
    status: 'failed',
    stage: 'test',
    created_at: '2015-12-24T15:51:21.727Z',
    started_at: '2015-12-24T17:54:24.729Z',
    finished_at: '2015-12-24T17:54:24.921Z',
    queued_duration: 0.023,
    pipeline: { id: 6, project_id: 1, ref: 'main', sha: '0ff3ae19', status: 'pending' },
    some_future_field: { nested: true },
  },
];
const bridgesBody: unknown = [
  {
    id: 8,
    name: 'teaspoon trigger',
    status: 'pending',
    stage: 'test',
    pipeline: { id: 6, project_id: 1, status: 'pending', web_url: 'https://example.com/foo/bar/pipelines/6' },
    web_url: 'https://example.com/foo/bar/-/jobs/8',
    downstream_pipeline: {
      id: 5,
      sha: 'f62a4b2f',
      ref: 'main',
      status: 'pending',
      created_at: '2015-12-24T17:54:27.722Z',
      updated_at: '2015-12-24T17:58:27.896Z',
      web_url: 'https://example.com/diaspora/diaspora-client/pipelines/5',
    },
  },
];

describe('GitLab entities as model inputs', () => {
  it('are assignable to the model input types', () => {
    expectTypeOf<Job>().toExtend<GraphJobInput>();
    expectTypeOf<Bridge>().toExtend<GraphBridgeInput>();
  });

  it('go through the model once parsed by the client schemas', () => {
    const jobs = JobListSchema.parse(jobsBody);
    const bridges = BridgeListSchema.parse(bridgesBody);
    const graph = buildStageGraph({ jobs, bridges });
    expect(graph.stages.map((s) => s.groups.map((g) => [g.name, g.node, g.status]))).toEqual([
      [
        ['rspec:other', 'job', 'failed'],
        ['teaspoon', 'job', 'failed'],
        ['teaspoon trigger', 'trigger', 'pending'],
      ],
    ]);
    const [card] = downstreamCards(bridges);
    expect(card).toMatchObject({ kind: 'multi-project', projectPath: 'diaspora/diaspora-client', pipelineId: 5 });
    const timeline = buildTimeline({ jobs, bridges }, { now: Date.parse('2015-12-24T18:00:00Z') });
    expect(timeline.criticalPath.jobIds).toEqual([7]);
  });
});
