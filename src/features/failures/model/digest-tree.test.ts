import { describe, expect, it } from 'vitest';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { digestKey, digestPipelines, failedEntries, projectPathOfUrl, type DigestLoaded } from './digest-tree.ts';

const job = (id: number, name: string, status: string, extra: Partial<Job> = {}): Job => ({ id, name, status, ...extra });
const bridge = (id: number, name: string, down: Bridge['downstream_pipeline']): Bridge => ({ id, name, status: 'failed', downstream_pipeline: down });

describe('digestPipelines', () => {
  // Root 1#100 triggers a child (1#101, which triggers a grandchild 1#103) and a multi-project 2#102.
  const loaded = new Map<string, DigestLoaded>([
    [
      '1#100',
      {
        bridges: [
          bridge(1, 'web', { id: 101, status: 'failed', source: 'parent_pipeline', project_id: 1, ref: 'main' }),
          bridge(2, 'deploy', { id: 102, status: 'failed', source: 'pipeline', project_id: 2, ref: 'stable' }),
          // An older attempt of the same trigger job is ignored: its latest attempt counts.
          bridge(0, 'web', { id: 99, status: 'failed', source: 'parent_pipeline', project_id: 1, ref: 'main' }),
        ],
      },
    ],
    ['1#101', { bridges: [bridge(3, 'e2e', { id: 103, status: 'failed', source: 'parent_pipeline', project_id: 1, ref: 'main' })] }],
    ['2#102', { bridges: [bridge(4, 'verify', { id: 104, status: 'failed', source: 'parent_pipeline', project_id: 2, ref: 'stable' })] }],
  ]);
  const tree = digestPipelines({ project: 1, pipelineId: 100, ref: 'main' }, (k) => loaded.get(k), 'https://gitlab.example.com');

  it('follows child and multi-project pipelines, breadth first', () => {
    expect(tree.map((p) => [p.key, p.kind, p.path.join('/')])).toEqual([
      ['1#100', 'root', ''],
      ['1#101', 'child', 'web'],
      ['2#102', 'multi-project', 'deploy'],
      ['1#103', 'child', 'web/e2e'],
      ['2#104', 'child', 'deploy/verify'],
    ]);
  });

  it('walks a child through its anchor: the root, or the multi-project pipeline above it', () => {
    const byKey = new Map(tree.map((p) => [p.key, p]));
    expect(byKey.get('1#100')?.lineage).toEqual({ project: 1, ref: 'main' });
    expect(byKey.get('1#103')?.lineage).toEqual({ project: 1, ref: 'main', via: { rootProject: 1, rootPipelineId: 100, bridges: ['web', 'e2e'] } });
    expect(byKey.get('2#102')?.lineage).toEqual({ project: 2, ref: 'stable' });
    expect(byKey.get('2#104')?.lineage).toEqual({ project: 2, ref: 'stable', via: { rootProject: 2, rootPipelineId: 102, bridges: ['verify'] } });
  });

  it('names a downstream project by its web URL on GitLab versions without project_id', () => {
    expect(projectPathOfUrl('https://gitlab.example.com/acme/deploy/-/pipelines/5', 'https://gitlab.example.com')).toBe('acme/deploy');
    expect(projectPathOfUrl('https://h.example/gitlab/acme/deploy/pipelines/5', 'https://h.example/gitlab')).toBe('acme/deploy');
    const old = digestPipelines(
      { project: 1, pipelineId: 100, ref: 'main' },
      (k) => (k === '1#100' ? { bridges: [bridge(1, 'deploy', { id: 7, status: 'failed', web_url: 'https://g.example/acme/deploy/pipelines/7' })] } : undefined),
      'https://g.example',
    );
    expect(old[1]).toMatchObject({ key: digestKey('acme/deploy', 7), kind: 'multi-project', lineage: null });
  });
});

describe('failedEntries', () => {
  it('lists the latest failed attempts, allowed failures marked', () => {
    const tree = digestPipelines({ project: 1, pipelineId: 100, ref: 'main' }, () => undefined, 'https://g.example');
    const jobs = [
      job(5, 'unit', 'failed'),
      job(6, 'unit', 'success'), // retried green
      job(7, 'lint', 'failed', { allow_failure: true }),
      job(8, 'build', 'failed'),
      job(9, 'e2e', 'skipped'),
    ];
    const entries = failedEntries(tree, () => ({ jobs }));
    expect(entries.map((e) => [e.job.name, e.allowed])).toEqual([
      ['lint', true],
      ['build', false],
    ]);
  });
});
