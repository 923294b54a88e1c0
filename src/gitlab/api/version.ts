import { queryOptions } from '@tanstack/react-query';
import { gitlabKeys } from '../query-keys.ts';
import { gitlabRequest } from '../transport.ts';
import type { Connection } from '../transport.ts';
import { VersionSchema } from '../types.ts';
import type { Version } from '../types.ts';

/** `GET /version` (needs a token on most instances). */
export async function fetchVersion(conn: Connection, signal?: AbortSignal): Promise<Version> {
  const { data } = await gitlabRequest(conn, '/version', { schema: VersionSchema, signal });
  return data;
}

export function versionQueryOptions(conn: Connection) {
  return queryOptions({
    queryKey: gitlabKeys.version(conn),
    queryFn: ({ signal }) => fetchVersion(conn, signal),
    staleTime: 60 * 60 * 1000,
  });
}

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

/** "17.11.0-ee" → { major: 17, minor: 11, patch: 0 }; null when unreadable. */
export function parseVersion(version: string | Version | null | undefined): ParsedVersion | null {
  const text = typeof version === 'string' ? version : version?.version;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text?.trim() ?? '');
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

/** True when the version is at least major.minor; null (unknown) when the version is unknown. */
export function versionAtLeast(version: string | Version | null | undefined, major: number, minor = 0): boolean | null {
  const v = parseVersion(version);
  if (!v) return null;
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * What the host's version supports (FACTS.md, api-docs). `null` means the version is unknown:
 * try, and handle the refusal.
 */
export function gitlabFeatures(version: string | Version | null | undefined) {
  return {
    /** `pagination=keyset` on the project jobs list (15.9). */
    keysetJobs: versionAtLeast(version, 15, 9),
    /** `GET /personal_access_tokens/self` (15.5). */
    tokenSelf: versionAtLeast(version, 15, 5),
    /** `GET …/jobs/:id/artifacts/tree` (18.8); older hosts: read the zip's central directory. */
    artifactTree: versionAtLeast(version, 18, 8),
    /** Retry of trigger jobs (17.0). */
    retryBridges: versionAtLeast(version, 17, 0),
    /** `job_variables_attributes` on play (14.9). */
    playVariables: versionAtLeast(version, 14, 9),
  };
}
export type GitLabFeatures = ReturnType<typeof gitlabFeatures>;
