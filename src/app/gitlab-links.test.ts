import { describe, expect, it } from 'vitest';
import { linkPath, resolveGitLabPath, type LinkTarget } from './gitlab-links.ts';
import { parsePastedGitLabUrl } from './gitlab-paths.ts';

describe('resolveGitLabPath: every GitLab link to its nearest page', () => {
  it.each<[string, string, string, string, LinkTarget]>([
    // [path, search, hash, dashboard path, target]
    ['/acme/platform/backend', '', '', '/acme/platform/backend/-/jobs', { page: 'jobs' }],
    ['/acme/platform/backend/', '', '', '/acme/platform/backend/-/jobs', { page: 'jobs' }],
    ['/acme/platform/backend/-/jobs', '?scope=failed', '', '/acme/platform/backend/-/jobs?scope=failed', { page: 'jobs' }],
    ['/acme/platform/backend/-/jobs/123', '', '#L12', '/acme/platform/backend/-/jobs/123#L12', { page: 'job', jobId: 123 }],
    ['/acme/platform/backend/-/jobs/123/raw', '', '', '/acme/platform/backend/-/jobs/123/raw', { page: 'job-raw', jobId: 123 }],
    ['/acme/platform/backend/-/jobs/123/artifacts/browse/dir/sub', '', '', '/acme/platform/backend/-/jobs/123/artifacts/browse/dir/sub', { page: 'artifacts', jobId: 123, path: ['dir', 'sub'] }],
    ['/acme/platform/backend/-/jobs/123/artifacts/file/report.html', '', '', '/acme/platform/backend/-/jobs/123/artifacts/browse/report.html', { page: 'artifacts', jobId: 123, path: ['report.html'] }],
    ['/acme/platform/backend/-/jobs/123/artifacts/raw/a/b.txt', '', '', '/acme/platform/backend/-/jobs/123/artifacts/browse/a/b.txt', { page: 'artifacts', jobId: 123, path: ['a', 'b.txt'] }],
    ['/acme/platform/backend/-/jobs/123/artifacts/download', '', '', '/acme/platform/backend/-/jobs/123/artifacts/browse', { page: 'artifacts', jobId: 123, path: [] }],
    ['/acme/platform/backend/-/pipelines', '', '', '/acme/platform/backend/-/pipelines', { page: 'pipelines' }],
    ['/acme/platform/backend/-/pipelines', '?scope=tags&status=failed', '', '/acme/platform/backend/-/pipelines?scope=tags&status=failed', { page: 'pipelines' }],
    ['/acme/platform/backend/-/pipelines/77', '', '', '/acme/platform/backend/-/pipelines/77', { page: 'pipeline', pipelineId: 77, tab: null }],
    ['/acme/platform/backend/-/pipelines/77/builds', '', '', '/acme/platform/backend/-/pipelines/77/builds', { page: 'pipeline', pipelineId: 77, tab: 'builds' }],
    ['/acme/platform/backend/-/pipelines/77/failures', '', '', '/acme/platform/backend/-/pipelines/77/failures', { page: 'pipeline', pipelineId: 77, tab: 'failures' }],
    ['/acme/platform/backend/-/pipelines/77/test_report', '', '', '/acme/platform/backend/-/pipelines/77/test_report', { page: 'pipeline', pipelineId: 77, tab: 'test_report' }],
    ['/acme/platform/backend/-/pipelines/77/dag', '', '', '/acme/platform/backend/-/pipelines/77', { page: 'pipeline', pipelineId: 77, tab: null }],
    ['/acme/platform/backend/-/commit/1a2b3c4d5e6f', '', '', '/acme/platform/backend/-/pipelines?sha=1a2b3c4d5e6f', { page: 'pipelines' }],
    ['/acme/platform/backend/-/merge_requests/4', '', '', '/acme/platform/backend/-/jobs', { page: 'jobs' }],
    // Numeric project ids, GitLab's /projects/:id, and deep sub-groups.
    ['/17/-/jobs/5', '', '', '/17/-/jobs/5', { page: 'job', jobId: 5 }],
    ['/17/-/pipelines', '', '', '/17/-/pipelines', { page: 'pipelines' }],
    ['/projects/17', '', '', '/17/-/jobs', { page: 'jobs' }],
    ['/a/b/c/d/e/-/pipelines/9/failures', '', '', '/a/b/c/d/e/-/pipelines/9/failures', { page: 'pipeline', pipelineId: 9, tab: 'failures' }],
    ['/my.group/sub-group_2/my+project', '', '', '/my.group/sub-group_2/my+project/-/jobs', { page: 'jobs' }],
  ])('%s%s%s → %s', (path, search, hash, expected, target) => {
    const r = resolveGitLabPath(path, search, hash);
    expect(r).toEqual({ ok: true, link: { project: expect.any(String), target, path: expected } });
  });

  it('names the project as written: a path or a numeric id', () => {
    expect(resolveGitLabPath('/a/b/c/d/-/jobs')).toMatchObject({ ok: true, link: { project: 'a/b/c/d' } });
    expect(resolveGitLabPath('/17/-/jobs')).toMatchObject({ ok: true, link: { project: '17' } });
    expect(resolveGitLabPath('/acme%2Dx/y/-/jobs')).toMatchObject({ ok: true, link: { project: 'acme-x/y' } });
  });

  it.each([
    ['/a/b/-/jobs/abc', /“abc” is not a job id: GitLab job ids are whole numbers/],
    ['/a/b/-/jobs/0', /“0” is not a job id: job ids are whole numbers from 1/],
    ['/a/b/-/jobs/007', /“007” is not a job id/],
    ['/a/b/-/jobs/12abc/raw', /“12abc” is not a job id/],
    ['/a/b/-/pipelines/latest-one', /“latest-one” is not a pipeline id/],
    ['/a/b/-/pipelines/-5', /“-5” is not a pipeline id/],
    ['/a/b/-/commit/not-a-sha', /“not-a-sha” is not a commit/],
    ['/a/b/-/commit', /is not a commit/],
    ['/', /names no project/],
    ['/-/profile', /a GitLab page, not a project/],
    ['/justagroup', /a group or a user, not a project/],
    ['/ac me/x/-/jobs', /names no project/],
    ['/a/../x/-/jobs', /names no project/],
    ['/acme/%E0%A4%A/-/jobs', /not valid percent-encoding/],
  ])('%s is refused, saying why', (path, reason) => {
    const r = resolveGitLabPath(path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('builds the canonical path of each target', () => {
    expect(linkPath('a/b', { page: 'pipeline', pipelineId: 3, tab: 'test_report' })).toBe('/a/b/-/pipelines/3/test_report');
    expect(linkPath('17', { page: 'job-raw', jobId: 4 })).toBe('/17/-/jobs/4/raw');
  });
});

describe('the paste box and the address bar agree', () => {
  it.each([
    'https://gitlab.example.com/acme/platform/backend',
    'https://gitlab.example.com/acme/platform/backend/-/pipelines?scope=branches',
    'https://gitlab.example.com/acme/platform/backend/-/pipelines/77/failures',
    'https://gitlab.example.com/acme/platform/backend/-/pipelines/77/test_report',
    'https://gitlab.example.com/acme/platform/backend/-/jobs/9/raw',
    'https://gitlab.example.com/acme/platform/backend/-/commit/1a2b3c4d',
    'https://gitlab.example.com/17/-/jobs/9#L3',
  ])('%s', (link) => {
    const url = new URL(link);
    const pasted = parsePastedGitLabUrl(link, 'https://gitlab.example.com');
    const typed = resolveGitLabPath(url.pathname, url.search, url.hash);
    expect(pasted.ok && typed.ok).toBe(true);
    if (pasted.ok && typed.ok) expect(pasted.path).toBe(typed.link.path);
  });

  it('gives the paste box the same message for a malformed id', () => {
    const pasted = parsePastedGitLabUrl('https://gitlab.example.com/a/b/-/jobs/abc', 'https://gitlab.example.com');
    expect(pasted).toEqual({ ok: false, reason: (resolveGitLabPath('/a/b/-/jobs/abc') as { reason: string }).reason });
  });
});
