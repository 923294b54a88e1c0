import { checkConnection, GitLabError, isGitLabError, type Connection, type ConnectionCheck } from '../../gitlab/index.ts';

/**
 * checkConnection, plus one rule the Settings test needs: `GET /api/v4/user` exists on every
 * GitLab, so a 404 there (whatever its body) means no GitLab API lives at this address, a
 * wrong host or path prefix, rather than "not found". (The client classifies HTML 404s this
 * way already; a server that answers an empty 404, as static hosts do, lands here.)
 */
export async function testConnection(conn: Connection, signal?: AbortSignal): Promise<ConnectionCheck> {
  try {
    return await checkConnection(conn, signal);
  } catch (e) {
    if (isGitLabError(e) && e.kind === 'not-found') {
      throw new GitLabError({
        kind: 'not-gitlab',
        url: e.url,
        method: e.method,
        status: e.status,
        detail: 'no GitLab API at this address: GET /api/v4/user answered 404',
        cause: e,
      });
    }
    throw e;
  }
}
