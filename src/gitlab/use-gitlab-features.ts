import { useQuery } from '@tanstack/react-query';
import { gitlabFeatures, versionQueryOptions, type GitLabFeatures } from './api/version.ts';
import type { Connection } from './transport.ts';

const selectFeatures = (version: Parameters<typeof gitlabFeatures>[0]) => gitlabFeatures(version);

/**
 * What the connected host can do (the capability table, by its version). The version is asked
 * once per connection and shared by every caller. `null` until it is known; a host that hides
 * its version or failed to say gives every capability `null` (unknown: try it, let GitLab answer).
 */
export function useGitLabFeatures(connection: Connection): GitLabFeatures | null {
  const query = useQuery({ ...versionQueryOptions(connection), select: selectFeatures });
  if (query.data) return query.data;
  return query.isError ? gitlabFeatures(null) : null;
}
