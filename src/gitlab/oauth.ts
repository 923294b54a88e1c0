/**
 * GitLab's OAuth 2 for a public client (authorization code + PKCE S256, no secret): the
 * authorize URL, the code exchange, refresh and revoke. GitLab's CORS for `/oauth/token` and
 * `/oauth/revoke` allows only simple headers, so bodies are form-encoded.
 */
import * as z from 'zod/mini';
import { GitLabError } from './errors.ts';
import { normalizeHost, type FetchLike } from './transport.ts';

export interface OAuthClient {
  host: string;
  clientId: string;
  /** `<dashboard base>oauth/callback`, exactly as registered in GitLab. */
  redirectUri: string;
  fetch?: FetchLike;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms, by this browser's clock, when the access token stops working. */
  expiresAt: number;
  scopes: string[];
}

const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.optional(z.nullable(z.number())),
  scope: z.optional(z.string()),
});
const OAuthErrorBody = z.object({ error: z.string(), error_description: z.optional(z.string()) });

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random value for `state` or the PKCE verifier (43 characters of base64url). */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** `<host>/oauth/authorize?…` for a sign-in with `state` and the challenge of `verifier`. */
export async function authorizeUrl(client: OAuthClient, input: { state: string; verifier: string; scopes: readonly string[] }): Promise<string> {
  const url = new URL(`${normalizeHost(client.host)}/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    state: input.state,
    scope: input.scopes.join(' '),
    code_challenge: await pkceChallenge(input.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

async function tokenRequest(client: OAuthClient, path: '/oauth/token' | '/oauth/revoke', body: Record<string, string>, now: () => number): Promise<OAuthTokens | null> {
  const url = `${normalizeHost(client.host)}${path}`;
  const fetchImpl: FetchLike = client.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(body).toString(),
      credentials: 'omit',
      mode: 'cors',
    });
  } catch (e) {
    throw new GitLabError({ kind: 'network', url, method: 'POST', cause: e });
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // said below
  }
  if (!res.ok) {
    const err = OAuthErrorBody.safeParse(json);
    const detail = err.success ? `${err.data.error}: ${err.data.error_description ?? ''}`.trim() : `${res.status} ${res.statusText}`;
    const code = err.success ? err.data.error : undefined;
    const kind = res.status === 401 || code === 'invalid_grant' ? 'unauthorized' : res.status >= 500 ? 'server' : 'bad-request';
    throw new GitLabError({ kind, url, method: 'POST', status: res.status, detail, ...(code ? { gitlabCode: code } : {}) });
  }
  if (path === '/oauth/revoke') return null;
  const parsed = TokenResponse.safeParse(json);
  if (!parsed.success) throw new GitLabError({ kind: 'invalid-response', url, method: 'POST', detail: 'no access_token and refresh_token in the answer' });
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: now() + (t.expires_in ?? 7200) * 1000,
    scopes: (t.scope ?? '').split(' ').filter(Boolean),
  };
}

/** `grant_type=authorization_code` with the PKCE verifier. */
export async function exchangeCode(client: OAuthClient, input: { code: string; verifier: string }, now: () => number = Date.now): Promise<OAuthTokens> {
  const t = await tokenRequest(
    client,
    '/oauth/token',
    { grant_type: 'authorization_code', client_id: client.clientId, code: input.code, redirect_uri: client.redirectUri, code_verifier: input.verifier },
    now,
  );
  if (!t) throw new TypeError('unreachable');
  return t;
}

/** `grant_type=refresh_token`: GitLab revokes the old pair and answers a new one. */
export async function refreshTokens(client: OAuthClient, refreshToken: string, now: () => number = Date.now): Promise<OAuthTokens> {
  const t = await tokenRequest(client, '/oauth/token', { grant_type: 'refresh_token', client_id: client.clientId, refresh_token: refreshToken, redirect_uri: client.redirectUri }, now);
  if (!t) throw new TypeError('unreachable');
  return t;
}

/** `POST /oauth/revoke`: the access token and its refresh token stop working. */
export async function revokeToken(client: OAuthClient, token: string): Promise<void> {
  await tokenRequest(client, '/oauth/revoke', { client_id: client.clientId, token }, Date.now);
}

/** When to refresh: five minutes before expiry (GitLab's tokens live two hours), never in the past. */
export function refreshDelay(expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - now - 5 * 60 * 1000);
}
