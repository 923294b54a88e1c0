import { describe, expect, it } from 'vitest';
import { gitlabFeatures, parseVersion, versionAtLeast } from './version.ts';

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

  it('names what each version supports', () => {
    expect(gitlabFeatures('18.8.2-ee')).toEqual({ keysetJobs: true, tokenSelf: true, artifactTree: true, retryBridges: true, playVariables: true });
    expect(gitlabFeatures('12.10.0')).toEqual({ keysetJobs: false, tokenSelf: false, artifactTree: false, retryBridges: false, playVariables: false });
    expect(gitlabFeatures('17.0.0').artifactTree).toBe(false);
    expect(gitlabFeatures(null).keysetJobs).toBeNull();
  });
});
