import { beforeAll, describe, expect, it } from 'vitest';
import { fetchAllPages, JobSchema } from '../../../gitlab/index.ts';
import type { Job } from '../../../gitlab/index.ts';
import { artifactState, relativeTime } from './artifact-status.ts';
import { startSim } from './test-helpers.ts';

const NOW = Date.parse('2026-01-10T12:00:00Z');
type Fields = Pick<Job, 'status' | 'erased_at' | 'artifacts_file' | 'artifacts' | 'artifacts_expire_at'>;
const base: Fields = { status: 'success' };
const archive = { file_type: 'archive', size: 1000, filename: 'artifacts.zip', file_format: 'zip' };
const junit = { file_type: 'junit', size: 200, filename: 'junit.xml.gz', file_format: 'gzip' };

describe('artifactState', () => {
  it.each<[string, Fields, boolean]>([
    ['kept', { ...base, artifacts_file: { filename: 'artifacts.zip', size: 1000 }, artifacts: [archive], artifacts_expire_at: null }, true],
    ['expiring', { ...base, artifacts_file: { filename: 'artifacts.zip', size: 1000 }, artifacts_expire_at: '2026-01-13T12:00:00Z' }, true],
    ['expired', { ...base, artifacts_expire_at: '2026-01-09T12:00:00Z' }, false],
    ['expired', { ...base, artifacts_file: { filename: 'artifacts.zip', size: 1000 }, artifacts_expire_at: '2026-01-10T11:00:00Z' }, false],
    ['erased', { ...base, erased_at: '2026-01-09T08:00:00Z', artifacts_file: null }, false],
    ['report-only', { ...base, artifacts: [junit, { file_type: 'trace', size: 5, filename: 'job.log', file_format: 'raw' }] }, false],
    ['none', { ...base, artifacts: [] }, false],
    ['none', { status: 'failed' }, false],
    ['not-yet', { status: 'running' }, false],
    // GitLab 9 sends only artifacts_file.
    ['kept', { status: 'success', artifacts_file: { filename: 'artifacts.zip', size: 10 } }, true],
  ])('%s', (kind, job, browsable) => {
    const state = artifactState(job, NOW);
    expect(state.kind).toBe(kind);
    expect(state.browsable).toBe(browsable);
    expect(state.title.length).toBeGreaterThan(0);
    expect(state.detail.length).toBeGreaterThan(10);
  });

  it('says when and what', () => {
    expect(artifactState({ ...base, artifacts_file: { size: 1 }, artifacts_expire_at: '2026-01-13T12:00:00Z' }, NOW)).toMatchObject({ title: 'Expire in 3 days', detail: expect.stringContaining('2026-01-13 12:00 UTC') });
    expect(artifactState({ ...base, artifacts_expire_at: '2026-01-10T10:00:00Z' }, NOW).detail).toContain('expired 2 hours ago');
    expect(artifactState({ ...base, artifacts: [junit, archive], artifacts_file: { size: 1 } }, NOW).reports).toEqual(['junit']);
    expect(artifactState({ ...base, artifacts: [junit] }, NOW).detail).toContain('(junit)');
    expect(artifactState({ ...base, erased_at: '2026-01-09T08:00:00Z' }, NOW).detail).toContain('erased on 2026-01-09 08:00 UTC');
  });

  it('words relative times', () => {
    expect(relativeTime('2026-01-10T12:00:30Z', NOW)).toBe('in less than a minute');
    expect(relativeTime('2026-01-10T11:59:00Z', NOW)).toBe('1 minute ago');
    expect(relativeTime('2026-01-11T13:00:00Z', NOW)).toBe('in 1 day');
  });
});

describe('artifactState on the simulator\'s seeded jobs', () => {
  let jobs: Job[] = [];
  beforeAll(async () => {
    const { conn } = startSim();
    jobs = (await fetchAllPages(conn, '/projects/1/jobs', { item: JobSchema, maxPages: 5 })).items;
  });

  it('finds kept, expiring or expired, erased and none among them', () => {
    const kinds = new Set(jobs.map((j) => artifactState(j).kind));
    expect(kinds).toContain('kept');
    expect(kinds).toContain('erased');
    expect(kinds).toContain('expired');
    expect(kinds).toContain('none');
    expect(kinds).toContain('not-yet');
    const erased = jobs.find((j) => j.erased_at);
    expect(erased && artifactState(erased).browsable).toBe(false);
    for (const j of jobs) if (artifactState(j).browsable) expect(j.artifacts_file).toBeTruthy();
  });
});
