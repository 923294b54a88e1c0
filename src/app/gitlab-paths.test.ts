import { describe, expect, it } from 'vitest';
import { isNumericProjectRef, parsePastedGitLabUrl, parseProjectLocation, projectPath } from './gitlab-paths.ts';

describe('parseProjectLocation', () => {
  it.each([
    ['acme/platform/backend/-/jobs', { project: 'acme/platform/backend', rest: ['jobs'] }],
    ['acme/platform/backend/-/jobs/', { project: 'acme/platform/backend', rest: ['jobs'] }],
    ['1/-/jobs', { project: '1', rest: ['jobs'] }],
    ['acme/platform/backend/-/jobs/123', { project: 'acme/platform/backend', rest: ['jobs', '123'] }],
    ['acme/backend/-/jobs/5/artifacts/browse/a/b.txt', { project: 'acme/backend', rest: ['jobs', '5', 'artifacts', 'browse', 'a', 'b.txt'] }],
    ['a/b/-', { project: 'a/b', rest: [] }],
    ['my.group/my-project_1/-/jobs', { project: 'my.group/my-project_1', rest: ['jobs'] }],
    // The router's splat is decoded already: artifact names keep %, # and ? as typed.
    ['a/b/-/jobs/5/artifacts/browse/100% done #1?.txt/a%20b', { project: 'a/b', rest: ['jobs', '5', 'artifacts', 'browse', '100% done #1?.txt', 'a%20b'] }],
  ])('%s', (splat, expected) => {
    expect(parseProjectLocation(splat)).toEqual(expected);
  });

  it.each([['acme/platform/backend'], ['-/jobs'], [''], ['acme/%E0%A4%A/-/jobs'], ['acme/../x/-/jobs'], ['ac me/x/-/jobs']])(
    'rejects %j',
    (splat) => {
      expect(parseProjectLocation(splat)).toBeNull();
    },
  );
});

describe('projectPath', () => {
  it('builds paths for paths and ids', () => {
    expect(projectPath('acme/platform/backend', 'jobs')).toBe('/acme/platform/backend/-/jobs');
    expect(projectPath(1, 'jobs', 42)).toBe('/1/-/jobs/42');
  });

  it('tells numeric ids from paths', () => {
    expect(isNumericProjectRef('1')).toBe(true);
    expect(isNumericProjectRef('01')).toBe(false);
    expect(isNumericProjectRef('acme/x')).toBe(false);
  });
});

describe('parsePastedGitLabUrl', () => {
  const connected = 'https://gitlab.example.com';
  it.each([
    // [input, connected host, expected path, expected hostDiffers]
    ['https://gitlab.example.com/group/sub/project/-/jobs/123', connected, '/group/sub/project/-/jobs/123', false],
    ['https://gitlab.example.com/group/sub/project/-/jobs', connected, '/group/sub/project/-/jobs', false],
    ['  https://gitlab.example.com/group/project/-/jobs/9#L12  ', connected, '/group/project/-/jobs/9#L12', false],
    ['https://gitlab.example.com/group/project/-/jobs?scope=failed', connected, '/group/project/-/jobs?scope=failed', false],
    ['https://gitlab.example.com/group/project/-/pipelines/77', connected, '/group/project/-/pipelines/77', false],
    ['https://gitlab.example.com/group/project/-/jobs/5/artifacts/browse/dir', connected, '/group/project/-/jobs/5/artifacts/browse/dir', false],
    ['https://gitlab.example.com/group/project', connected, '/group/project/-/jobs', false],
    ['https://gitlab.example.com/group/project/', connected, '/group/project/-/jobs', false],
    ['https://gitlab.example.com/group/project/-/merge_requests/4', connected, '/group/project/-/jobs', false],
    ['https://gitlab.example.com/projects/17', connected, '/17/-/jobs', false],
    ['https://other.example.org/acme/platform/backend/-/jobs/1', connected, '/acme/platform/backend/-/jobs/1', true],
    ['https://gitlab.example.com:8443/a/b/-/jobs', connected, '/a/b/-/jobs', true],
    ['https://corp.example.com/gitlab/a/b/-/jobs', 'https://corp.example.com/gitlab', '/a/b/-/jobs', false],
    ['https://corp.example.com/gitlab/a/b/-/jobs', 'https://corp.example.com/gitlab/', '/a/b/-/jobs', false],
    ['https://gitlab.example.com/group/project/-/jobs', null, '/group/project/-/jobs', false],
    ['/acme/platform/backend/-/jobs', connected, '/acme/platform/backend/-/jobs', false],
    ['acme/platform/backend/-/jobs/3', connected, '/acme/platform/backend/-/jobs/3', false],
    ['/1/-/jobs', connected, '/1/-/jobs', false],
  ] as const)('%s -> %s', (input, host, path, hostDiffers) => {
    const result = parsePastedGitLabUrl(input, host);
    expect(result).toMatchObject({ ok: true, path, hostDiffers });
  });

  it.each([
    [''],
    ['   '],
    ['https://gitlab.example.com/'],
    ['https://gitlab.example.com/-/profile'],
    ['https://gitlab.example.com/justagroup'],
    ['javascript://alert(1)'],
    ['ftp://gitlab.example.com/a/b'],
    ['http://['],
  ])('rejects %j with a reason', (input) => {
    const result = parsePastedGitLabUrl(input, connected);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
  });

  it('reports the host it was given', () => {
    expect(parsePastedGitLabUrl('https://other.example.org/a/b/-/jobs', connected)).toMatchObject({ host: 'https://other.example.org' });
  });
});
