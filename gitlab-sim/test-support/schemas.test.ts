import { describe, expect, it } from 'vitest';
import {
  exampleBridge,
  exampleJob,
  examplePipeline,
  examplePipelineDetail,
  exampleSuccessJob,
  exampleUser,
} from './examples.ts';
import {
  validateArtifactTreeEntry,
  validateBridge,
  validateJob,
  validatePipeline,
  validatePipelineDetail,
  validatePipelines,
  validateUser,
} from './schemas.ts';

describe('validateJob', () => {
  it('accepts a complete failed job and a complete successful one', () => {
    expect(validateJob(exampleJob())).toEqual([]);
    expect(validateJob(exampleSuccessJob())).toEqual([]);
  });

  it('accepts nulls where GitLab sends them (queued job: no runner, no start)', () => {
    const job = { ...exampleSuccessJob(), status: 'pending', started_at: null, finished_at: null, duration: null, commit: null, user: null };
    expect(validateJob(job)).toEqual([]);
  });

  it('rejects a job missing a required field', () => {
    const job = exampleJob();
    delete job.web_url;
    expect(validateJob(job)).toContain('(root) is missing required property "web_url"');
  });

  it('rejects an extra field', () => {
    expect(validateJob({ ...exampleJob(), downstream_pipeline: null })).toContain(
      '(root) has unexpected property "downstream_pipeline"',
    );
  });

  it('rejects wrong types, also in nested entities', () => {
    expect(validateJob({ ...exampleJob(), id: '7' })).toContain('/id must be integer');
    const pipeline = { ...examplePipeline(), web_url: undefined };
    delete pipeline.web_url;
    expect(validateJob({ ...exampleJob(), pipeline })).toContain('/pipeline is missing required property "web_url"');
    const commit = { ...(exampleJob().commit as object), authored_date: 'yesterday' };
    expect(validateJob({ ...exampleJob(), commit }).join('\n')).toMatch(/authored_date must match format "date-time"/);
  });

  it('wants failure_reason on a failed job and forbids it elsewhere', () => {
    const failed = exampleJob();
    delete failed.failure_reason;
    expect(validateJob(failed)).toContain('(root) is missing required property "failure_reason"');
    expect(validateJob({ ...exampleJob(), failure_reason: 42 })).toContain('/failure_reason must be string');
    expect(validateJob({ ...exampleSuccessJob(), failure_reason: 'script_failure' })).toContain(
      '(root) has unexpected property "failure_reason"',
    );
  });

  it('checks project.ci_job_token_scope_enabled, which job.json leaves unchecked', () => {
    expect(validateJob({ ...exampleJob(), project: { ci_job_token_scope_enabled: 'no' } })).toContain(
      '/project/ci_job_token_scope_enabled must be boolean',
    );
  });

  it('rejects a runner with fields that the schema does not know', () => {
    const runner = { ...(exampleJob().runner as object), paused: false };
    expect(validateJob({ ...exampleJob(), runner })).toContain('/runner has unexpected property "paused"');
  });
});

describe('validateBridge', () => {
  it('accepts a bridge with a downstream pipeline or with none yet', () => {
    expect(validateBridge(exampleBridge())).toEqual([]);
    expect(validateBridge({ ...exampleBridge(), status: 'created', downstream_pipeline: null })).toEqual([]);
  });

  it('accepts a failed bridge with failure_reason and refuses one without', () => {
    const failed: Record<string, unknown> = { ...exampleBridge(), status: 'failed', failure_reason: 'downstream_pipeline_creation_failed' };
    expect(validateBridge(failed)).toEqual([]);
    delete failed.failure_reason;
    expect(validateBridge(failed)).toContain('(root) is missing required property "failure_reason"');
    expect(validateBridge({ ...exampleBridge(), failure_reason: 'x' })).toContain(
      '(root) has unexpected property "failure_reason"',
    );
  });

  it('rejects the Job-only fields', () => {
    for (const field of ['artifacts', 'artifacts_file', 'artifacts_expire_at', 'runner', 'runner_manager', 'tag_list', 'archived']) {
      expect(validateBridge({ ...exampleBridge(), [field]: exampleJob()[field] })).toContain(
        `(root) has unexpected property "${field}"`,
      );
    }
  });

  it('requires downstream_pipeline and types it as a PipelineBasic', () => {
    const bridge = exampleBridge();
    delete bridge.downstream_pipeline;
    expect(validateBridge(bridge)).toContain('(root) is missing required property "downstream_pipeline"');
    const errors = validateBridge({ ...exampleBridge(), downstream_pipeline: { id: 5 } });
    expect(errors.join('\n')).toMatch(/downstream_pipeline is missing required property "sha"/);
  });

  it('rejects a job passed off as a bridge, and the reverse', () => {
    expect(validateBridge(exampleJob()).length).toBeGreaterThan(0);
    expect(validateJob(exampleBridge()).length).toBeGreaterThan(0);
  });
});

describe('validatePipeline and validatePipelineDetail', () => {
  it('accepts complete pipelines', () => {
    expect(validatePipeline(examplePipeline())).toEqual([]);
    expect(validatePipelineDetail(examplePipelineDetail())).toEqual([]);
  });

  it('rejects a missing web_url, a wrong type and a bad date', () => {
    const p = examplePipeline();
    delete p.web_url;
    expect(validatePipeline(p)).toContain('(root) is missing required property "web_url"');
    expect(validatePipeline({ ...examplePipeline(), id: 6.5 })).toContain('/id must be integer');
    expect(validatePipelineDetail({ ...examplePipelineDetail(), finished_at: 'soon' })).toContain(
      '/finished_at must match format "date-time"',
    );
  });

  it('rejects a detailed_status that is not GitLab\'s shape', () => {
    const detail = examplePipelineDetail();
    const status = { ...(detail.detailed_status as object), colour: 'red' };
    expect(validatePipelineDetail({ ...detail, detailed_status: status }).length).toBeGreaterThan(0);
  });
});

describe('validateUser', () => {
  it('accepts a user and rejects null, a missing field and a wrong type', () => {
    expect(validateUser(exampleUser())).toEqual([]);
    expect(validateUser(null)).toEqual(['(root) must be a user object, not null']);
    const u = exampleUser();
    delete u.username;
    expect(validateUser(u)).toContain('(root) is missing required property "username"');
    expect(validateUser({ ...exampleUser(), id: 'root' })).toContain('/id must be integer');
  });
});

describe('validatePipelines', () => {
  it('accepts a list of pipelines and names the bad row', () => {
    expect(validatePipelines([examplePipeline(), { ...examplePipeline(), id: 7 }])).toEqual([]);
    expect(validatePipelines([])).toEqual([]);
    const bad = examplePipeline();
    delete bad.sha;
    expect(validatePipelines([examplePipeline(), bad])).toContain('/1 is missing required property "sha"');
    expect(validatePipelines(examplePipeline())).toEqual(['(root) must be array']);
  });
});

describe('validateArtifactTreeEntry', () => {
  it('accepts files and directories as FACTS.md describes them', () => {
    expect(validateArtifactTreeEntry({ name: 'junit.xml', path: 'reports/junit.xml', type: 'file', size: 4976, mode: '100644' })).toEqual([]);
    expect(validateArtifactTreeEntry({ name: 'coverage', path: 'reports/coverage/', type: 'directory', mode: '040755' })).toEqual([]);
  });

  it('rejects a directory path without "/", a file path with one, a file without size, a bad mode', () => {
    expect(validateArtifactTreeEntry({ name: 'coverage', path: 'reports/coverage', type: 'directory', mode: '040755' }).length).toBeGreaterThan(0);
    expect(validateArtifactTreeEntry({ name: 'x', path: 'x/', type: 'file', size: 1, mode: '100644' }).length).toBeGreaterThan(0);
    expect(validateArtifactTreeEntry({ name: 'x', path: 'x', type: 'file', mode: '100644' })).toContain('(root) is missing required property "size"');
    expect(validateArtifactTreeEntry({ name: 'x', path: 'x', type: 'file', size: 1, mode: '644' }).length).toBeGreaterThan(0);
    expect(validateArtifactTreeEntry({ name: 'x', path: 'x', type: 'link', size: 1, mode: '100644' }).length).toBeGreaterThan(0);
  });
});
