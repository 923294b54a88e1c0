// Who is calling: personal access tokens (PRIVATE-TOKEN, Authorization: Bearer) and CI job
// tokens (JOB-TOKEN, Bearer, ?job_token=), with GitLab's 401 and 403 answers.
import type { Job, User, World } from '../world/model.ts';
import type { AccessToken, OAuthStore } from '../oauth/store.ts';
import { insufficientScope, oauthTokenExpired, oauthTokenRevoked, tokenExpired, unauthorized } from './errors.ts';

export interface PersonalToken {
  id: number;
  token: string;
  name: string;
  userId: number;
  scopes: string[];
  expired: boolean;
}

export const TOKENS: readonly PersonalToken[] = [
  { id: 1, token: 'glpat-sim-api', name: 'sim-api', userId: 1, scopes: ['api'], expired: false },
  { id: 2, token: 'glpat-sim-read', name: 'sim-read', userId: 2, scopes: ['read_api'], expired: false },
  { id: 3, token: 'glpat-sim-expired', name: 'sim-expired', userId: 1, scopes: ['api'], expired: true },
];

export const JOB_TOKEN_PREFIX = 'glcbt-sim-job-';

export type Principal =
  | { kind: 'user'; user: User; token: PersonalToken }
  | { kind: 'oauth'; user: User; token: AccessToken }
  | { kind: 'job'; user: User; job: Job };

/** `oauth`: where OAuth tokens are accepted (Authorization: Bearer or ?access_token=), never from PRIVATE-TOKEN. */
function presented(request: Request, url: URL): { value: string; job: boolean; oauth: boolean } | null {
  const jobHeader = request.headers.get('JOB-TOKEN');
  if (jobHeader) return { value: jobHeader.trim(), job: true, oauth: false };
  const jobParam = url.searchParams.get('job_token');
  if (jobParam) return { value: jobParam, job: true, oauth: false };
  const priv = request.headers.get('PRIVATE-TOKEN') ?? url.searchParams.get('private_token');
  if (priv) return { value: priv.trim(), job: false, oauth: false };
  const auth = request.headers.get('Authorization');
  const bearer = auth?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) return { value: bearer.trim(), job: bearer.trim().startsWith(JOB_TOKEN_PREFIX), oauth: true };
  const access = url.searchParams.get('access_token');
  if (access) return { value: access, job: false, oauth: true };
  return null;
}

/**
 * Authenticates a request or throws GitLab's answer. `jobTokenAllowed` marks the routes that
 * accept CI job tokens; elsewhere a job token is no credential at all (401).
 */
export function authenticate(world: World, request: Request, url: URL, opts: { jobTokenAllowed: boolean; oauth?: { store: OAuthStore; now: number } }): Principal {
  const cred = presented(request, url);
  if (!cred) throw unauthorized();
  if (cred.job || cred.value.startsWith(JOB_TOKEN_PREFIX)) {
    if (!opts.jobTokenAllowed) throw unauthorized();
    const id = Number(cred.value.slice(JOB_TOKEN_PREFIX.length));
    const job = cred.value.startsWith(JOB_TOKEN_PREFIX) && Number.isInteger(id) ? world.jobs.get(id) : undefined;
    // A job token lives as long as its job runs.
    if (!job || (job.status !== 'running' && job.status !== 'canceling')) throw unauthorized();
    const user = world.users.find((u) => u.id === job.userId);
    if (!user) throw unauthorized();
    return { kind: 'job', user, job };
  }
  const token = TOKENS.find((t) => t.token === cred.value);
  const oauthToken = !token && cred.oauth ? opts.oauth?.store.lookup(cred.value) : undefined;
  if (oauthToken && opts.oauth) {
    // GitLab's ApiGuard: expired and revoked OAuth tokens get their own 401s.
    if (oauthToken.revokedAt !== null) throw oauthTokenRevoked();
    if (opts.oauth.store.isExpired(oauthToken, opts.oauth.now)) throw oauthTokenExpired();
    const user = world.users.find((u) => u.id === oauthToken.userId);
    if (!user) throw unauthorized();
    const method = request.method.toUpperCase();
    if (!oauthToken.scopes.includes('api') && method !== 'GET' && method !== 'HEAD') throw insufficientScope();
    if (!oauthToken.scopes.includes('api') && !oauthToken.scopes.includes('read_api')) throw insufficientScope();
    return { kind: 'oauth', user, token: oauthToken };
  }
  if (!token) throw unauthorized();
  if (token.expired) throw tokenExpired();
  const user = world.users.find((u) => u.id === token.userId);
  if (!user) throw unauthorized();
  const method = request.method.toUpperCase();
  if (!token.scopes.includes('api') && method !== 'GET' && method !== 'HEAD') throw insufficientScope();
  return { kind: 'user', user, token };
}
