import { describe, expect, it } from 'vitest';
import { compareJobsAsGitLab, compareSortableNames, groupJobs, groupName, jobFlags, sortableName, sortJobsAsGitLab } from './group-name.ts';
import type { GraphJobInput } from './types.ts';

describe('groupName', () => {
  // The whole table of gitlab-org/gitlab spec/lib/gitlab/utils/job_spec.rb.
  it.each([
    ['rspec1', 'rspec1'],
    ['rspec1 0 1', 'rspec1'],
    ['rspec1 0/2', 'rspec1'],
    ['rspec:windows', 'rspec:windows'],
    ['rspec:windows 0', 'rspec:windows 0'],
    ['rspec:windows 0 2/2', 'rspec:windows 0'],
    ['rspec:windows 0 test', 'rspec:windows 0 test'],
    ['rspec:windows 0 test 2/2', 'rspec:windows 0 test'],
    ['rspec:windows 0 1 2/2', 'rspec:windows'],
    ['rspec:windows 0 1 [aws] 2/2', 'rspec:windows'],
    ['rspec:windows 0 1 name [aws] 2/2', 'rspec:windows 0 1 name'],
    ['rspec:windows 0 1 name', 'rspec:windows 0 1 name'],
    ['rspec:windows 0 1 name 1/2', 'rspec:windows 0 1 name'],
    ['rspec:windows 0/1', 'rspec:windows'],
    ['rspec:windows 0/1 name', 'rspec:windows 0/1 name'],
    ['rspec:windows 0/1 name 1/2', 'rspec:windows 0/1 name'],
    ['rspec:windows 0:1', 'rspec:windows'],
    ['rspec:windows 0:1 name', 'rspec:windows 0:1 name'],
    ['rspec:windows 10000 20000', 'rspec:windows'],
    ['rspec:windows 0 : / 1', 'rspec:windows'],
    ['rspec:windows 0 : / 1 name', 'rspec:windows 0 : / 1 name'],
    ['rspec [inception: [something, other thing], value]', 'rspec'],
    ['0 1 name ruby', '0 1 name ruby'],
    ['0 :/ 1 name ruby', '0 :/ 1 name ruby'],
    ['rspec: [aws]', 'rspec'],
    ['rspec: [aws] 0/1', 'rspec'],
    ['rspec: [aws, max memory]', 'rspec'],
    ['rspec:linux: [aws, max memory, data]', 'rspec:linux'],
    ['rspec: [inception: [something, other thing], value]', 'rspec'],
    ['rspec:windows 0/1: [name, other]', 'rspec:windows'],
    ['rspec:windows: [name, other] 0/1', 'rspec:windows'],
    ['rspec:windows: [name, 0/1] 0/1', 'rspec:windows'],
    ['rspec:windows: [0/1, name]', 'rspec:windows'],
    ['rspec:windows: [, ]', 'rspec:windows'],
    ['rspec:windows: [name]', 'rspec:windows'],
    ['rspec-windows: [name, other, context]', 'rspec-windows'],
    ['rspec_windows: [name,  ]', 'rspec_windows'],
    ['rspec windows & linux: [ruby, 3.5]', 'rspec windows & linux'],
  ])('GitLab spec: %j -> %j', (name, group) => {
    expect(groupName(name)).toBe(group);
  });

  // doc/ci/jobs/index.md "Group jobs in a pipeline".
  it.each([
    ['build ruby 1/3', 'build ruby'],
    ['build ruby 2/3', 'build ruby'],
    ['build ruby 3/3', 'build ruby'],
    ['slash-test 1/3', 'slash-test'],
    ['colon-test 2:3', 'colon-test'],
    ['space-test 0 3', 'space-test'],
    ['backslash-test 1\\3', 'backslash-test'],
  ])('GitLab docs: %j -> %j', (name, group) => {
    expect(groupName(name)).toBe(group);
  });

  it.each([
    // The examples.
    ['rspec 1/3', 'rspec'],
    ['rspec 1:3', 'rspec'],
    ['rspec 1 3', 'rspec'],
    ['test: [ruby, 3.2]', 'test'],
    ['rspec:1/3', 'rspec'],
    ['rspec 1/3   ', 'rspec'],
    ['  rspec 1/3', 'rspec'],
    // Names that only look like suffixes: GitLab groups them all the same.
    ['node 18 20', 'node'],
    ['deploy eu 2024/05', 'deploy eu'],
    // Numbers inside a name, or a suffix without a separator before it, stay.
    ['test 2024', 'test 2024'],
    ['build-1/3', 'build-1/3'],
    ['deploy v1.2 3', 'deploy v1.2 3'],
    ['py3.12 test', 'py3.12 test'],
    ['k8s 1/2 canary', 'k8s 1/2 canary'],
    ['lint [strict] mode', 'lint [strict] mode'],
    // At most three suffixes go, from the end.
    ['job 1/2 3/4 5/6 7/8', 'job 1/2'],
    ['job: [a] 1/2 3/4', 'job'],
    // Ruby's \s is ASCII: a no-break space is not a separator.
    ['rspec\u00a01/3', 'rspec\u00a01/3'],
    ['', ''],
    ['1/3', '1/3'],
  ])('edge case: %j -> %j', (name, group) => {
    expect(groupName(name)).toBe(group);
  });
});

describe('sortableName and its order', () => {
  it('splits as Ruby does, without trailing empty parts', () => {
    expect(sortableName('rspec 1/3')).toEqual(['rspec ', '1', '/', '3']);
    expect(sortableName('1 job')).toEqual(['', '1', ' job']);
    expect(sortableName('lint')).toEqual(['lint']);
  });

  it('compares the numbers from left to right by value', () => {
    const names = ['rspec 10/10', 'rspec 2/10', 'rspec 1/10', 'rspec', 'lint 2', 'rspec 1/9'];
    expect([...names].sort(compareSortableNames)).toEqual([
      'lint 2',
      'rspec',
      'rspec 1/9',
      'rspec 1/10',
      'rspec 2/10',
      'rspec 10/10',
    ]);
  });

  it('compares numbers longer than a double exactly and ignores leading zeros', () => {
    expect(compareSortableNames('a 90071992547409931', 'a 90071992547409930')).toBeGreaterThan(0);
    expect(compareSortableNames('a 007', 'a 7')).toBe(0);
  });

  it('sorts jobs with each name’s key computed once in the same order as the comparator', () => {
    // A seeded source: the same names every run.
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['rspec', ' ', '1', '01', '007', '10', '9', '/', ':', '[a, b]', 'A', 'b', '', '90071992547409931', '90071992547409930'];
    for (let round = 0; round < 200; round++) {
      const jobs = Array.from({ length: 1 + next(30) }, (_, i) => ({
        id: 1 + next(20) * 100 + i,
        name: Array.from({ length: 1 + next(5) }, () => pieces[next(pieces.length)]).join(''),
        status: 'success',
        stage: 'test',
      }));
      expect(sortJobsAsGitLab(jobs)).toEqual([...jobs].sort(compareJobsAsGitLab));
    }
  });
});

let nextId = 1;
function job(name: string, status = 'success', extra: Partial<GraphJobInput> = {}): GraphJobInput {
  return { id: nextId++, name, status, stage: 'test', ...extra };
}

describe('groupJobs', () => {
  it('collapses parallel jobs into one node, ordered as GitLab orders them', () => {
    const jobs = [job('rspec 10/10'), job('rspec 2/10', 'failed'), job('lint'), job('rspec 1/10', 'running')];
    const groups = groupJobs(jobs);
    expect(groups.map((g) => [g.name, g.size, g.kind, g.status])).toEqual([
      ['lint', 1, 'single', 'success'],
      ['rspec', 3, 'parallel', 'running'],
    ]);
    expect(groups[1]?.jobs.map((j) => j.name)).toEqual(['rspec 1/10', 'rspec 2/10', 'rspec 10/10']);
  });

  it('collapses matrix jobs and tells them from parallel ones', () => {
    const groups = groupJobs([job('test: [ruby, 3.2]'), job('test: [ruby, 3.3]', 'failed')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'test', size: 2, kind: 'matrix', status: 'failed', warnings: false });
  });

  it('calls a single matrix job a matrix group', () => {
    expect(groupJobs([job('deploy: [eu]')])[0]?.kind).toBe('matrix');
  });

  it('gives a group the composite status and its marks', () => {
    const groups = groupJobs([
      job('e2e 1/2', 'failed', { allow_failure: true }),
      job('e2e 2/2', 'success', { allow_failure: true }),
      job('release', 'manual', { allow_failure: false }),
      job('nightly', 'scheduled'),
    ]);
    expect(groups.map((g) => [g.name, g.status, g.warnings, g.allowFailure, g.manual, g.scheduled])).toEqual([
      ['e2e', 'success', true, true, false, false],
      ['nightly', 'scheduled', false, false, false, true],
      ['release', 'manual', false, false, true, false],
    ]);
  });

  it('keeps older attempts apart, newest first, outside size and status', () => {
    const old1 = job('rspec 1/2', 'failed');
    const old2 = job('rspec 1/2', 'failed');
    const current = [job('rspec 1/2'), job('rspec 2/2')];
    const groups = groupJobs([old1, ...current, old2], { retriedIds: new Set([old1.id, old2.id]) });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.size).toBe(2);
    expect(groups[0]?.status).toBe('success');
    expect(groups[0]?.retried.map((j) => j.id)).toEqual([old2.id, old1.id]);
  });

  it('returns nothing for no jobs', () => {
    expect(groupJobs([])).toEqual([]);
  });
});

describe('jobFlags', () => {
  it('marks allowed failures, manual and scheduled jobs', () => {
    expect(jobFlags({ status: 'failed', allow_failure: true })).toEqual({
      allowFailure: true,
      failedButAllowed: true,
      manual: false,
      scheduled: false,
    });
    expect(jobFlags({ status: 'canceled', allow_failure: true }).failedButAllowed).toBe(true);
    expect(jobFlags({ status: 'failed' }).failedButAllowed).toBe(false);
    expect(jobFlags({ status: 'manual', allow_failure: true }).manual).toBe(true);
    expect(jobFlags({ status: 'scheduled' }).scheduled).toBe(true);
  });
});
