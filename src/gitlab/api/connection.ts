import { queryOptions, skipToken } from '@tanstack/react-query';
import { GitLabError } from '../errors.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { Connection } from '../transport.ts';
import type { TokenInfo, User, Version } from '../types.ts';
import { fetchTokenSelf, scopesCanWrite } from './token.ts';
import { fetchCurrentUser } from './user.ts';
import { fetchVersion, gitlabFeatures } from './version.ts';
import type { GitLabFeatures } from './version.ts';

export interface ConnectionCheck {
  /** Null when the host would not tell (no token, or an old host). */
  version: Version | null;
  /** Null when there is no token (anonymous access to public projects). */
  user: User | null;
  /** Whether the token can act on jobs: from its scopes; 'unknown' where GitLab cannot say (before 15.5, other token kinds). */
  canWrite: boolean | 'unknown';
  tokenInfo?: TokenInfo;
  features: GitLabFeatures;
}

function rethrowIfAborted(result: PromiseSettledResult<unknown>): void {
  if (result.status === 'rejected' && result.reason instanceof GitLabError && result.reason.kind === 'aborted') throw result.reason;
}

/**
 * Checks a connection the way Settings needs: is it GitLab, who is the token, can it act?
 * Throws the GitLabError of `/user` (unreachable, CORS, not GitLab, bad or expired token).
 */
export async function checkConnection(conn: Connection, signal?: AbortSignal): Promise<ConnectionCheck> {
  if (!conn.token) {
    try {
      const version = await fetchVersion(conn, signal);
      return { version, user: null, canWrite: false, features: gitlabFeatures(version) };
    } catch (e) {
      // GitLab answers /version with its own JSON 401 to anonymous callers: that proves it is GitLab.
      if (e instanceof GitLabError && e.kind === 'unauthorized') return { version: null, user: null, canWrite: false, features: gitlabFeatures(null) };
      throw e;
    }
  }
  const [userResult, versionResult, tokenResult] = await Promise.allSettled([
    fetchCurrentUser(conn, signal),
    fetchVersion(conn, signal),
    fetchTokenSelf(conn, signal),
  ]);
  if (userResult.status === 'rejected') throw userResult.reason;
  rethrowIfAborted(versionResult);
  rethrowIfAborted(tokenResult);
  const version = versionResult.status === 'fulfilled' ? versionResult.value : null;
  const check: ConnectionCheck = { version, user: userResult.value, canWrite: 'unknown', features: gitlabFeatures(version) };
  if (tokenResult.status === 'fulfilled') {
    check.tokenInfo = tokenResult.value;
    check.canWrite = scopesCanWrite(tokenResult.value.scopes) && tokenResult.value.active !== false && tokenResult.value.revoked !== true;
  }
  return check;
}

/** The check of `conn`; null (nothing to check) gives a query that never runs (`skipToken`). */
export function connectionQueryOptions(conn: Connection | null) {
  return queryOptions({
    queryKey: gitlabKeys.connection(conn ?? ''),
    queryFn: conn ? ({ signal }) => checkConnection(conn, signal) : skipToken,
    staleTime: 5 * 60 * 1000,
  });
}
