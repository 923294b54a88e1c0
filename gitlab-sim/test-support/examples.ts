// Complete, schema-valid examples of GitLab entities, taken from the Jobs API docs'
// examples (jobs-api-17) and filled in where the schemas require more than the abridged
// examples show (commit parent_ids/authored_date/committer_*/web_url, pipeline web_url, …).
// Each call returns a fresh object, so tests may mutate it.

export function exampleUser(): Record<string, unknown> {
  return {
    id: 1,
    name: 'Administrator',
    username: 'root',
    state: 'active',
    avatar_url: 'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
    web_url: 'http://gitlab.dev/root',
    created_at: '2015-12-21T13:14:24.077Z',
    bio: null,
    location: null,
    public_email: '',
    skype: '',
    linkedin: '',
    twitter: '',
    website_url: '',
    organization: '',
  };
}

export function exampleCommit(): Record<string, unknown> {
  return {
    id: '0ff3ae198f8601a285adcf5c0fff204ee6fba5fd',
    short_id: '0ff3ae19',
    title: 'Test the CI integration.',
    created_at: '2015-12-24T16:51:14.000+01:00',
    parent_ids: ['4ad1d1a5b7e5fa0e1c1d4c6b6a1f0f7b9e3c2d11'],
    message: 'Test the CI integration.',
    author_name: 'Administrator',
    author_email: 'admin@example.com',
    authored_date: '2015-12-24T16:51:14.000+01:00',
    committer_name: 'Administrator',
    committer_email: 'admin@example.com',
    committed_date: '2015-12-24T16:51:14.000+01:00',
    trailers: {},
    extended_trailers: {},
    web_url: 'https://example.com/foo/bar/-/commit/0ff3ae198f8601a285adcf5c0fff204ee6fba5fd',
  };
}

export function examplePipeline(): Record<string, unknown> {
  return {
    id: 6,
    iid: 3,
    project_id: 1,
    sha: '0ff3ae198f8601a285adcf5c0fff204ee6fba5fd',
    ref: 'main',
    status: 'pending',
    source: 'push',
    created_at: '2015-12-24T15:50:16.123Z',
    updated_at: '2015-12-24T18:00:44.432Z',
    web_url: 'https://example.com/foo/bar/-/pipelines/6',
  };
}

export function examplePipelineDetail(): Record<string, unknown> {
  return {
    ...examplePipeline(),
    status: 'failed',
    before_sha: '4ad1d1a5b7e5fa0e1c1d4c6b6a1f0f7b9e3c2d11',
    tag: false,
    yaml_errors: null,
    user: exampleUser(),
    started_at: '2015-12-24T17:54:24.729Z',
    finished_at: '2015-12-24T17:58:27.895Z',
    committed_at: null,
    duration: 243,
    queued_duration: 0.01,
    coverage: '30.0',
    detailed_status: {
      icon: 'status_failed',
      text: 'Failed',
      label: 'failed',
      group: 'failed',
      tooltip: 'failed',
      has_details: true,
      details_path: '/foo/bar/-/pipelines/6',
      illustration: null,
      favicon: '/assets/ci_favicons/favicon_status_failed.png',
    },
  };
}

/** A failed job with artifacts, as `GET /projects/:id/jobs/:job_id` returns it. */
export function exampleJob(): Record<string, unknown> {
  return {
    id: 7,
    status: 'failed',
    stage: 'test',
    name: 'teaspoon',
    ref: 'main',
    tag: false,
    coverage: null,
    allow_failure: false,
    created_at: '2015-12-24T15:51:21.802Z',
    started_at: '2015-12-24T17:54:27.722Z',
    finished_at: '2015-12-24T17:54:27.895Z',
    erased_at: null,
    duration: 0.173,
    queued_duration: 0.01,
    user: exampleUser(),
    commit: exampleCommit(),
    pipeline: examplePipeline(),
    failure_reason: 'script_failure',
    web_url: 'https://example.com/foo/bar/-/jobs/7',
    project: { ci_job_token_scope_enabled: false },
    artifacts_file: { filename: 'artifacts.zip', size: 1000 },
    artifacts: [
      { file_type: 'archive', size: 1000, filename: 'artifacts.zip', file_format: 'zip' },
      { file_type: 'metadata', size: 186, filename: 'metadata.gz', file_format: 'gzip' },
      { file_type: 'trace', size: 1500, filename: 'job.log', file_format: 'raw' },
      { file_type: 'junit', size: 750, filename: 'junit.xml.gz', file_format: 'gzip' },
    ],
    // runner.json (an older GitLab schema, additionalProperties: false) predates the
    // `paused`/`runner_type` fields of the docs' example and types ip_address as a string.
    runner: {
      id: 32,
      description: '',
      ip_address: '127.0.0.1',
      active: true,
      is_shared: true,
      name: null,
      online: false,
      status: 'offline',
    },
    runner_manager: {
      id: 1,
      system_id: 's_89e5e9956577',
      version: '16.11.1',
      revision: '535ced5f',
      platform: 'linux',
      architecture: 'amd64',
      created_at: '2024-05-01T10:12:02.507Z',
      contacted_at: '2024-05-07T06:30:09.355Z',
      ip_address: '127.0.0.1',
      status: 'offline',
    },
    artifacts_expire_at: '2016-01-23T17:54:27.895Z',
    archived: false,
    tag_list: ['docker runner', 'ubuntu18'],
  };
}

/** A successful job without artifacts (no artifacts_file, no failure_reason). */
export function exampleSuccessJob(): Record<string, unknown> {
  const job = exampleJob();
  delete job.failure_reason;
  delete job.artifacts_file;
  return { ...job, id: 8, status: 'success', artifacts: [], artifacts_expire_at: null, runner: null, runner_manager: null };
}

/** A trigger job (bridge) as `GET /projects/:id/pipelines/:pipeline_id/bridges` lists it. */
export function exampleBridge(): Record<string, unknown> {
  return {
    id: 9,
    status: 'success',
    stage: 'deploy',
    name: 'trigger-deploy',
    ref: 'main',
    tag: false,
    coverage: null,
    allow_failure: false,
    created_at: '2015-12-24T15:51:21.802Z',
    started_at: '2015-12-24T17:54:27.722Z',
    finished_at: '2015-12-24T17:58:27.895Z',
    erased_at: null,
    duration: 240,
    queued_duration: 0.123,
    user: exampleUser(),
    commit: exampleCommit(),
    pipeline: examplePipeline(),
    web_url: 'https://example.com/foo/bar/-/jobs/9',
    project: { ci_job_token_scope_enabled: false },
    downstream_pipeline: {
      id: 5,
      iid: 1,
      project_id: 2,
      sha: 'f62a4b2fb89754372a346f24659212eb8da13601',
      ref: 'main',
      status: 'success',
      source: 'pipeline',
      created_at: '2015-12-24T17:54:27.722Z',
      updated_at: '2015-12-24T17:58:27.896Z',
      web_url: 'https://example.com/diaspora/diaspora-client/-/pipelines/5',
    },
  };
}
