import { describe, expect, it } from 'vitest';
import type { Job } from '../../gitlab/index.ts';
import { artifactsSummary } from './artifacts-summary.ts';

const NOW = Date.parse('2026-11-22T00:00:00Z');
const job = (fields: Partial<Job>): Job => ({ id: 1, name: 'rspec', status: 'success', ...fields }) as Job;
const archive = { file_type: 'archive', size: 2048, filename: 'artifacts.zip', file_format: 'zip' };

describe('artifactsSummary', () => {
  it.each([
    ['no artifacts at all', job({ artifacts: [] }), 'none'],
    ['only the log', job({ artifacts: [{ file_type: 'trace', size: 10, filename: 'job.log', file_format: 'raw' }] }), 'none'],
    ['an archive that expired (GitLab keeps the date)', job({ artifacts: [], artifacts_expire_at: '2026-11-20T00:00:00Z' }), 'expired'],
    ['an erased job, whatever its expiry', job({ artifacts: [], erased_at: '2026-11-21T00:00:00Z', artifacts_expire_at: '2026-11-20T00:00:00Z' }), 'none'],
    ['an archive that will expire', job({ artifacts: [archive], artifacts_file: { filename: 'artifacts.zip', size: 2048 }, artifacts_expire_at: '2026-11-23T00:00:00Z' }), 'expiring'],
    // The doc examples list an archive whose expiry passed years ago: it is gone, never browsable.
    ['a listed archive whose expiry passed', job({ artifacts: [archive], artifacts_file: { filename: 'artifacts.zip', size: 2048 }, artifacts_expire_at: '2016-01-23T17:54:27.895Z' }), 'expired'],
    ['an erased job that still lists an archive', job({ artifacts_file: { filename: 'artifacts.zip', size: 2048 }, erased_at: '2026-11-21T00:00:00Z' }), 'none'],
    ['a kept archive', job({ artifacts: [archive], artifacts_file: { filename: 'artifacts.zip', size: 2048 }, artifacts_expire_at: null }), 'kept'],
  ])('%s', (_what, input, kind) => {
    expect(artifactsSummary(input, NOW).kind).toBe(kind);
  });

  it('reads the archive size from artifacts_file first', () => {
    expect(artifactsSummary(job({ artifacts: [archive], artifacts_file: { filename: 'artifacts.zip', size: 4096 } }), NOW).archiveBytes).toBe(4096);
  });
});
