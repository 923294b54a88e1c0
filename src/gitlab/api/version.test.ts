import { describe, expect, it } from 'vitest';
import { hostVersion, NAMED_VERSIONS, scopeValues, STATUSES } from '../../../gitlab-sim/versions.ts';
import { capabilityReason, gitlabFeatures, JOB_SCOPE_SINCE, jobScopeReason, parseVersion, unavailableReason, versionAtLeast } from './version.ts';
import type { GitLabCapability } from './version.ts';

describe('GitLab versions', () => {
  it('parses the strings GitLab sends', () => {
    expect(parseVersion('17.11.0-ee')).toEqual({ major: 17, minor: 11, patch: 0 });
    expect(parseVersion({ version: '9.5.10' })).toEqual({ major: 9, minor: 5, patch: 10 });
    expect(parseVersion('18')).toEqual({ major: 18, minor: 0, patch: 0 });
    expect(parseVersion('unknown')).toBeNull();
    expect(parseVersion(null)).toBeNull();
  });

  it('compares by major and minor; unknown stays unknown', () => {
    expect(versionAtLeast('15.9.0', 15, 9)).toBe(true);
    expect(versionAtLeast('15.8.4', 15, 9)).toBe(false);
    expect(versionAtLeast('16.0.0', 15, 9)).toBe(true);
    expect(versionAtLeast(undefined, 15, 9)).toBeNull();
  });
});

describe('the capability table', () => {
  // What each api-docs version (and the newest) can do, row by row.
  const expected: Record<string, Record<GitLabCapability, boolean>> = {
    '9.5.10-ee': { pipelineBridges: false, artifactFile: false, artifactRawByRef: false, deleteArtifacts: false, includeRetried: false, playVariables: false, tokenSelf: false, keysetJobs: false, retryBridges: false, artifactTree: false },
    '12.10.14-ee': { pipelineBridges: true, artifactFile: true, artifactRawByRef: true, deleteArtifacts: true, includeRetried: false, playVariables: false, tokenSelf: false, keysetJobs: false, retryBridges: false, artifactTree: false },
    '15.11.13-ee': { pipelineBridges: true, artifactFile: true, artifactRawByRef: true, deleteArtifacts: true, includeRetried: true, playVariables: true, tokenSelf: true, keysetJobs: true, retryBridges: false, artifactTree: false },
    '17.11.0-ee': { pipelineBridges: true, artifactFile: true, artifactRawByRef: true, deleteArtifacts: true, includeRetried: true, playVariables: true, tokenSelf: true, keysetJobs: true, retryBridges: true, artifactTree: false },
    '18.8.2-ee': { pipelineBridges: true, artifactFile: true, artifactRawByRef: true, deleteArtifacts: true, includeRetried: true, playVariables: true, tokenSelf: true, keysetJobs: true, retryBridges: true, artifactTree: true },
  };
  it.each(Object.entries(expected))('GitLab %s', (version, caps) => {
    expect(gitlabFeatures(version)).toEqual(caps);
  });

  it('checks the minor version at the boundaries', () => {
    expect(gitlabFeatures('14.8.9').playVariables).toBe(false);
    expect(gitlabFeatures('14.9.0').playVariables).toBe(true);
    expect(gitlabFeatures('13.8.0').includeRetried).toBe(false);
    expect(gitlabFeatures('18.7.0').artifactTree).toBe(false);
  });

  it('leaves every capability unknown (null: try it) when the version is unknown or hidden', () => {
    for (const value of Object.values(gitlabFeatures(null))) expect(value).toBeNull();
    for (const value of Object.values(gitlabFeatures('unknown'))) expect(value).toBeNull();
  });

  it('says why a capability is missing, and nothing when it is there or unknown', () => {
    expect(capabilityReason('playVariables')).toBe('needs GitLab 14.9 or later');
    expect(unavailableReason(gitlabFeatures('12.10.0'), 'playVariables')).toBe('Running a job with variables needs GitLab 14.9 or later.');
    expect(unavailableReason(gitlabFeatures('17.0.0'), 'playVariables')).toBeUndefined();
    expect(unavailableReason(gitlabFeatures(null), 'playVariables')).toBeUndefined();
    expect(unavailableReason(null, 'retryBridges')).toBeUndefined();
  });

  it('knows which statuses each version filters jobs by: the same as the simulator at that version', () => {
    expect(Object.keys(JOB_SCOPE_SINCE).sort()).toEqual(Object.keys(STATUSES).sort());
    for (const version of Object.values(NAMED_VERSIONS)) {
      const accepted = scopeValues(hostVersion(version));
      for (const status of Object.keys(JOB_SCOPE_SINCE)) {
        expect(jobScopeReason(version, status) === undefined, `${status} at ${version}`).toBe(accepted.includes(status as (typeof accepted)[number]));
      }
    }
  });

  it('says why a status cannot be filtered by, and nothing when the version is unknown or the status new to the table', () => {
    expect(jobScopeReason('9.5.10-ee', 'manual')).toBe('needs GitLab 12.0 or later');
    expect(jobScopeReason('12.2.0', 'preparing')).toBe('needs GitLab 12.3 or later');
    expect(jobScopeReason('12.0.0', 'manual')).toBeUndefined();
    expect(jobScopeReason(null, 'canceling')).toBeUndefined();
    expect(jobScopeReason('9.0.0', 'some_future_status')).toBeUndefined();
  });
});
