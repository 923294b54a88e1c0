import { describe, expect, it } from 'vitest';
import {
  downstreamCards,
  expandDownstream,
  pipelineKey,
  projectPathFromWebUrl,
  resolveDownstreamTree,
  type DownstreamNode,
  type PipelineRef,
} from './downstream.ts';
import type { GraphBridgeInput, GraphDownstreamPipelineInput, GraphJobInput, PipelineJobsInput } from './types.ts';

const HOST = 'https://gitlab.example.com';
const PATHS: Record<number, string> = { 1: 'acme/platform/backend', 2: 'acme/platform/deploy', 3: 'acme/tools/big-history' };

let nextId = 1000;
function bridge(
  projectId: number,
  pipelineId: number,
  name: string,
  status: string,
  downstream: GraphDownstreamPipelineInput | null,
): GraphBridgeInput {
  const id = nextId++;
  return {
    id,
    name,
    status,
    stage: 'trigger',
    web_url: `${HOST}/${PATHS[projectId]}/-/jobs/${id}`,
    pipeline: { id: pipelineId, project_id: projectId },
    downstream_pipeline: downstream,
  };
}

function down(projectId: number, id: number, status: string, source?: string): GraphDownstreamPipelineInput {
  return { id, project_id: projectId, status, source, web_url: `${HOST}/${PATHS[projectId]}/-/pipelines/${id}` };
}

describe('projectPathFromWebUrl', () => {
  it.each<[string | null, string | undefined, string | null]>([
    [`${HOST}/acme/platform/deploy/-/pipelines/5`, undefined, 'acme/platform/deploy'],
    [`${HOST}/diaspora/diaspora-client/pipelines/5`, undefined, 'diaspora/diaspora-client'],
    [`${HOST}/foo/bar/-/jobs/7`, undefined, 'foo/bar'],
    [`https://host/gitlab/acme/x/-/pipelines/1`, 'https://host/gitlab/', 'acme/x'],
    [`${HOST}/acme/x/-/merge_requests/1`, undefined, null],
    ['not a url', undefined, null],
    [null, undefined, null],
  ])('%s -> %s', (url, instance, path) => {
    expect(projectPathFromWebUrl(url, instance)).toBe(path);
  });
});

describe('downstreamCards', () => {
  it('tells child from multi-project pipelines by source', () => {
    const cards = downstreamCards([
      bridge(1, 100, 'child', 'success', down(1, 101, 'success', 'parent_pipeline')),
      bridge(1, 100, 'deploy', 'running', down(2, 200, 'running', 'pipeline')),
    ]);
    expect(cards.map((c) => [c.kind, c.isChild, c.projectId, c.projectPath, c.pipelineId, c.status, c.state])).toEqual([
      ['child', true, 1, 'acme/platform/backend', 101, 'success', 'created'],
      ['multi-project', false, 2, 'acme/platform/deploy', 200, 'running', 'created'],
    ]);
    expect(cards.map((c) => c.ref)).toEqual([
      { project: 1, pipelineId: 101 },
      { project: 2, pipelineId: 200 },
    ]);
  });

  it('falls back to comparing project ids, then project paths, when source is missing', () => {
    const byId = downstreamCards([bridge(1, 100, 'a', 'success', down(2, 200, 'success'))]);
    expect(byId[0]?.kind).toBe('multi-project');
    const sameId = downstreamCards([bridge(1, 100, 'a', 'success', down(1, 101, 'success'))]);
    expect(sameId[0]?.kind).toBe('child');

    // Old responses: no project_id anywhere, only URLs.
    const old: GraphBridgeInput = {
      id: 7,
      name: 'teaspoon',
      status: 'pending',
      web_url: `${HOST}/foo/bar/-/jobs/7`,
      pipeline: { id: 6 },
      downstream_pipeline: { id: 5, status: 'pending', web_url: `${HOST}/diaspora/diaspora-client/pipelines/5` },
    };
    const [card] = downstreamCards([old]);
    expect(card).toMatchObject({ kind: 'multi-project', projectId: null, projectPath: 'diaspora/diaspora-client' });
    expect(card?.ref).toEqual({ project: 'diaspora/diaspora-client', pipelineId: 5 });
  });

  it('places a child pipeline without project_id in its parent project', () => {
    const b = bridge(1, 100, 'child', 'success', { id: 101, status: 'success', source: 'parent_pipeline' });
    expect(downstreamCards([b])[0]?.ref).toEqual({ project: 1, pipelineId: 101 });
  });

  it('says when the downstream pipeline is not created yet, or never will be', () => {
    const cards = downstreamCards([
      bridge(1, 100, 'pending', 'pending', null),
      bridge(1, 100, 'manual', 'manual', null),
      bridge(1, 100, 'broken', 'failed', null),
    ]);
    expect(cards.map((c) => [c.state, c.notCreatedYet, c.ref, c.status])).toEqual([
      ['pending', true, null, null],
      ['pending', true, null, null],
      ['none', false, null, null],
    ]);
  });

  it('leaves the kind unknown when nothing names the projects', () => {
    const b: GraphBridgeInput = { id: 1, name: 't', status: 'success', downstream_pipeline: { id: 9, status: 'success' } };
    expect(downstreamCards([b])[0]).toMatchObject({ kind: 'unknown', ref: null });
  });
});

// An in-memory GitLab: three projects, a child pipeline, a multi-project chain and one
// bogus bridge pointing back at the root (which GitLab would never create).
function world(): Map<string, PipelineJobsInput> {
  const job = (projectId: number, pipelineId: number, name: string): GraphJobInput => ({
    id: nextId++,
    name,
    status: 'success',
    stage: 'test',
    pipeline: { id: pipelineId, project_id: projectId },
  });
  const m = new Map<string, PipelineJobsInput>();
  m.set('1#100', {
    jobs: [job(1, 100, 'rspec')],
    bridges: [
      bridge(1, 100, 'child', 'success', down(1, 101, 'success', 'parent_pipeline')),
      bridge(1, 100, 'deploy', 'running', down(2, 200, 'running', 'pipeline')),
      bridge(1, 100, 'later', 'created', null),
    ],
  });
  m.set('1#101', { jobs: [job(1, 101, 'child-test')], bridges: [] });
  m.set('2#200', { jobs: [], bridges: [bridge(2, 200, 'tools', 'running', down(3, 300, 'running', 'pipeline'))] });
  m.set('3#300', { jobs: [job(3, 300, 'report')], bridges: [bridge(3, 300, 'loop', 'success', down(1, 100, 'running', 'pipeline'))] });
  return m;
}

function fetcher(m: Map<string, PipelineJobsInput>, calls: string[]) {
  return async (ref: PipelineRef): Promise<PipelineJobsInput> => {
    calls.push(pipelineKey(ref));
    const found = m.get(pipelineKey(ref));
    if (found === undefined) throw new Error(`404 ${pipelineKey(ref)}`);
    return found;
  };
}

// [key, depth, state] for every node, depth first.
function flatten(node: DownstreamNode<GraphJobInput, GraphBridgeInput> | null, out: [string, number, string][] = []): [string, number, string][] {
  if (node === null) return out;
  out.push([node.key, node.depth, node.state]);
  for (const edge of node.children) flatten(edge.node, out);
  return out;
}

describe('expandDownstream', () => {
  it('expands across projects depth first and stops at a cycle', async () => {
    const calls: string[] = [];
    const tree = await expandDownstream({ project: 1, pipelineId: 100 }, fetcher(world(), calls));
    expect(flatten(tree)).toEqual([
      ['1#100', 0, 'loaded'],
      ['1#101', 1, 'loaded'],
      ['2#200', 1, 'loaded'],
      ['3#300', 2, 'loaded'],
      ['1#100', 3, 'cycle'],
    ]);
    expect(calls).toEqual(['1#100', '1#101', '2#200', '3#300']);
    expect(tree.children.map((e) => [e.card.bridge.name, e.card.kind, e.node === null])).toEqual([
      ['child', 'child', false],
      ['deploy', 'multi-project', false],
      ['later', 'unknown', true],
    ]);
    expect(tree.children[2]?.card.notCreatedYet).toBe(true);
  });

  it('does not go deeper than maxDepth', async () => {
    const calls: string[] = [];
    const tree = await expandDownstream({ project: 1, pipelineId: 100 }, fetcher(world(), calls), { maxDepth: 1 });
    expect(flatten(tree)).toContainEqual(['3#300', 2, 'depth-limit']);
    expect(calls).toEqual(['1#100', '1#101', '2#200']);
  });

  it('does not fetch more than maxPipelines', async () => {
    const calls: string[] = [];
    const tree = await expandDownstream({ project: 1, pipelineId: 100 }, fetcher(world(), calls), { maxPipelines: 2 });
    expect(flatten(tree)).toEqual([
      ['1#100', 0, 'loaded'],
      ['1#101', 1, 'loaded'],
      ['2#200', 1, 'count-limit'],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('keeps a failed fetch in its node and goes on with the siblings', async () => {
    const m = world();
    m.delete('1#101');
    const tree = await expandDownstream({ project: 1, pipelineId: 100 }, fetcher(m, []));
    expect(tree.children[0]?.node?.state).toBe('error');
    expect(String(tree.children[0]?.node?.error)).toContain('404 1#101');
    expect(tree.children[1]?.node?.state).toBe('loaded');
  });

  it('shows a pipeline reached twice only once', async () => {
    const m = world();
    const root = m.get('1#100');
    if (root === undefined) throw new Error('fixture');
    m.set('1#100', { ...root, bridges: [...root.bridges, bridge(1, 100, 'again', 'success', down(1, 101, 'success', 'parent_pipeline'))] });
    const tree = await expandDownstream({ project: 1, pipelineId: 100 }, fetcher(m, []));
    expect(tree.children[3]?.node?.state).toBe('repeated');
  });

  it('reports a root that cannot be fetched', async () => {
    const tree = await expandDownstream({ project: 9, pipelineId: 1 }, fetcher(new Map(), []));
    expect(tree.state).toBe('error');
    expect(tree.children).toEqual([]);
  });
});

describe('resolveDownstreamTree', () => {
  const m = world();
  const lookup = (ref: PipelineRef) => {
    const graph = m.get(pipelineKey(ref));
    return graph === undefined ? undefined : { graph };
  };

  it('shows cards collapsed until expanded', () => {
    const { tree, wanted } = resolveDownstreamTree({ project: 1, pipelineId: 100 }, lookup, { expanded: new Set() });
    expect(flatten(tree)).toEqual([
      ['1#100', 0, 'loaded'],
      ['1#101', 1, 'collapsed'],
      ['2#200', 1, 'collapsed'],
    ]);
    expect(wanted).toEqual([]);
  });

  it('asks for what an expanded card needs and draws what is loaded', () => {
    const partial = new Map(m);
    partial.delete('3#300');
    const { tree, wanted } = resolveDownstreamTree(
      { project: 1, pipelineId: 100 },
      (ref) => {
        const graph = partial.get(pipelineKey(ref));
        return graph === undefined ? undefined : { graph };
      },
      { expanded: new Set(['2#200', '3#300']) },
    );
    expect(flatten(tree)).toEqual([
      ['1#100', 0, 'loaded'],
      ['1#101', 1, 'collapsed'],
      ['2#200', 1, 'loaded'],
      ['3#300', 2, 'loading'],
    ]);
    expect(wanted).toEqual([{ project: 3, pipelineId: 300 }]);
  });

  it('marks the way back to an ancestor as a cycle even when expanded', () => {
    const { tree } = resolveDownstreamTree({ project: 1, pipelineId: 100 }, lookup, {
      expanded: new Set(['2#200', '3#300', '1#100']),
    });
    expect(flatten(tree)).toContainEqual(['1#100', 3, 'cycle']);
  });

  it('keeps an error in its node', () => {
    const { tree } = resolveDownstreamTree(
      { project: 1, pipelineId: 100 },
      (ref) => (pipelineKey(ref) === '2#200' ? { error: new Error('403') } : lookup(ref)),
      { expanded: new Set(['2#200']) },
    );
    expect(tree.children[1]?.node?.state).toBe('error');
  });
});
