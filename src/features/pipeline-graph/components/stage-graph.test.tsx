import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { GraphContext, type GraphContextValue } from '../graph-context.ts';
import type { GraphNode } from '../use-pipeline-tree.ts';
import { PipelineGraph } from './stage-graph.tsx';

const context: GraphContextValue = {
  rootProjectPath: 'acme/app',
  rootProjectId: 1,
  includeRetried: false,
  expanded: new Set(),
  onToggleExpand: () => undefined,
  href: (path) => path,
};

function job(id: number, stage: string): Job {
  return { id, name: `${stage}-job-${id}`, stage, status: 'success', pipeline: { id: 100, project_id: 1 } } as Job;
}

/** A pipeline of `stages` stages of `perStage` lone jobs each. */
function pipeline(stages: number, perStage: number): GraphNode {
  const jobs: Job[] = [];
  for (let s = 0; s < stages; s++) for (let k = 0; k < perStage; k++) jobs.push(job(s * 1000 + k + 1, `stage-${s + 1}`));
  return {
    ref: { project: 1, pipelineId: 100 },
    key: '1:100',
    depth: 0,
    state: 'loaded',
    graph: { jobs, bridges: [] as Bridge[] },
    error: null,
    children: [],
  };
}

describe('PipelineGraph on its first paint', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws what a screen shows (8 columns, 24 nodes each) first, then every column and node after that frame', async () => {
    const { container } = render(
      <GraphContext.Provider value={context}>
        <PipelineGraph node={pipeline(12, 40)} project="acme/app" depth={0} label="Stages" />
      </GraphContext.Provider>,
    );
    const counts = () => [...container.querySelectorAll('.pg-stage')].map((stage) => stage.querySelectorAll('.pg-job').length);
    expect(counts()).toEqual(Array.from({ length: 8 }, () => 24));
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(counts()).toEqual(Array.from({ length: 12 }, () => 40));
  });

  it('draws a small pipeline whole at once', () => {
    const { container } = render(
      <GraphContext.Provider value={context}>
        <PipelineGraph node={pipeline(3, 5)} project="acme/app" depth={0} label="Stages" />
      </GraphContext.Provider>,
    );
    expect(container.querySelectorAll('.pg-job')).toHaveLength(15);
  });
});
