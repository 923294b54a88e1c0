import { describe, expect, it } from 'vitest';
import { jobActionInvalidationKeys } from './api/job-actions.ts';
import { gitlabKeys, hostKey } from './query-keys.ts';

const conn = { host: 'https://gitlab.example.com/api/v4/' };

describe('gitlabKeys', () => {
  it('roots every key at gitlab + normalised host and goes from general to specific', () => {
    expect(hostKey(conn)).toBe('https://gitlab.example.com');
    const job = gitlabKeys.job(conn, 'Acme/Platform/Backend', 12);
    expect(job).toEqual(['gitlab', 'https://gitlab.example.com', 'projects', 'acme/platform/backend', 'jobs', 12]);
    expect(gitlabKeys.jobTrace(conn, 'acme/platform/backend', 12).slice(0, job.length)).toEqual(job);
    expect(gitlabKeys.pipelineJobs(conn, 1, 5).slice(0, 6)).toEqual(gitlabKeys.pipeline(conn, 1, 5));
  });

  it('gives equal keys to equal filters', () => {
    expect(gitlabKeys.jobListPage(conn, 1, { scope: ['running', 'failed'] }, null)).toEqual(gitlabKeys.jobListPage(conn, 1, { scope: ['failed', 'running'], perPage: undefined }, null));
  });
});

describe('jobActionInvalidationKeys', () => {
  it('covers lists, the job, the new job of a retry and the pipeline, under path and numeric id', () => {
    const keys = jobActionInvalidationKeys(conn, 'acme/platform/backend', { jobId: 10 }, { id: 11, name: 'rspec', status: 'pending', pipeline: { id: 5, project_id: 1, status: 'running' } });
    const expected = [
      gitlabKeys.jobLists(conn, 'acme/platform/backend'),
      gitlabKeys.job(conn, 'acme/platform/backend', 10),
      gitlabKeys.job(conn, 'acme/platform/backend', 11),
      gitlabKeys.pipeline(conn, 'acme/platform/backend', 5),
      gitlabKeys.pipelineLists(conn, 'acme/platform/backend'),
      gitlabKeys.job(conn, 1, 10),
      gitlabKeys.pipeline(conn, 1, 5),
    ];
    for (const k of expected) expect(keys).toContainEqual(k);
  });
});
