// GitLab's OAuth 2 provider (Doorkeeper) as the simulator keeps it: applications, authorization
// grants with PKCE, access and refresh tokens that expire on the simulator's clock, revocation.
// Pure state and rules; the HTTP shapes are in ../routes/oauth.ts.
import { createHash, randomBytes } from 'node:crypto';

/** GitLab's access token lifetime (2 hours since 15.0). */
export const ACCESS_TOKEN_TTL_S = 7200;
/** Doorkeeper's authorization code lifetime. */
export const GRANT_TTL_MS = 10 * 60 * 1000;

/** The registered demo application (a public client: no secret in the page). */
export const DEMO_CLIENT_ID = '5e1dd0ab0c1a5b0a4c6b8f3d2e7a91c04f6d2b8e9a3c5d7f1b2e4a6c8d0f1a3b';
export const DEMO_APP_NAME = 'CI Jobs Dashboard (demo)';
export const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:5173/oauth/callback', 'http://localhost:5173/oauth/callback'];

/** Scopes GitLab knows; the demo application may ask for these. */
export const KNOWN_SCOPES = ['api', 'read_api', 'read_user', 'read_repository', 'write_repository', 'openid', 'profile', 'email'];

export interface OAuthApplication {
  uid: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  confidential: boolean;
}

interface Grant {
  appUid: string;
  redirectUri: string;
  scopes: string[];
  userId: number;
  challenge: string | null;
  challengeMethod: 'S256' | 'plain' | null;
  createdAt: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  refreshToken: string;
  appUid: string;
  scopes: string[];
  userId: number;
  /** Simulated ms. */
  createdAt: number;
  expiresInS: number;
  revokedAt: number | null;
}

/** A Doorkeeper error: `{"error": code, "error_description": …}` with its status. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export const DESCRIPTIONS = {
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_client: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  access_denied: 'The resource owner or authorization server denied the request.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  invalid_redirect_uri: 'The redirect URI included is not valid.',
  unauthorized_client: 'You are not authorized to revoke this token',
} as const;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class OAuthStore {
  readonly applications = new Map<string, OAuthApplication>();
  private readonly grants = new Map<string, Grant>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly byRefresh = new Map<string, AccessToken>();

  constructor(redirectUris: readonly string[] = DEFAULT_REDIRECT_URIS) {
    this.applications.set(DEMO_CLIENT_ID, {
      uid: DEMO_CLIENT_ID,
      name: DEMO_APP_NAME,
      redirectUris: [...redirectUris],
      scopes: ['api', 'read_api'],
      confidential: false,
    });
  }

  get demo(): OAuthApplication {
    const app = this.applications.get(DEMO_CLIENT_ID);
    if (!app) throw new Error('the demo application is missing');
    return app;
  }

  /** Scopes asked for (space-separated), checked against the application's; empty means the application's. */
  scopesFor(app: OAuthApplication, requested: string | null): string[] | null {
    const asked = (requested ?? '').split(/[\s+]+/).filter(Boolean);
    if (asked.length === 0) return [...app.scopes];
    return asked.every((s) => app.scopes.includes(s)) ? [...new Set(asked)] : null;
  }

  createGrant(input: Omit<Grant, 'used' | 'createdAt'>, now: number): string {
    const code = hex(32);
    this.grants.set(code, { ...input, createdAt: now, used: false });
    return code;
  }

  /** `grant_type=authorization_code`: the code once, for its client and redirect URI, with the PKCE verifier. */
  exchangeCode(input: { clientId: string; code: string; redirectUri: string; codeVerifier: string | null }, now: number): AccessToken {
    const app = this.applications.get(input.clientId);
    if (!app) throw new OAuthError(401, 'invalid_client', DESCRIPTIONS.invalid_client);
    const grant = this.grants.get(input.code);
    const invalid = () => new OAuthError(400, 'invalid_grant', DESCRIPTIONS.invalid_grant);
    if (!grant || grant.used || grant.appUid !== app.uid || grant.redirectUri !== input.redirectUri || now - grant.createdAt > GRANT_TTL_MS) throw invalid();
    if (grant.challenge !== null) {
      const verifier = input.codeVerifier ?? '';
      const computed = grant.challengeMethod === 'plain' ? verifier : pkceChallenge(verifier);
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || computed !== grant.challenge) throw invalid();
    }
    grant.used = true;
    return this.issue(app.uid, grant.scopes, grant.userId, now);
  }

  /** `grant_type=refresh_token`: the old pair is revoked, a new pair issued (GitLab rotates refresh tokens). */
  refresh(input: { clientId: string; refreshToken: string }, now: number): AccessToken {
    const app = this.applications.get(input.clientId);
    if (!app) throw new OAuthError(401, 'invalid_client', DESCRIPTIONS.invalid_client);
    const old = this.byRefresh.get(input.refreshToken);
    if (!old || old.revokedAt !== null || old.appUid !== app.uid) throw new OAuthError(400, 'invalid_grant', DESCRIPTIONS.invalid_grant);
    old.revokedAt = now;
    return this.issue(app.uid, old.scopes, old.userId, now);
  }

  /** RFC 7009: an unknown token is no error; another client's token is. */
  revoke(input: { clientId: string | null; token: string }, now: number): void {
    const found = this.tokens.get(input.token) ?? this.byRefresh.get(input.token);
    if (!found) return;
    if (input.clientId !== found.appUid) throw new OAuthError(403, 'unauthorized_client', DESCRIPTIONS.unauthorized_client);
    found.revokedAt ??= now;
  }

  lookup(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  isExpired(t: AccessToken, now: number): boolean {
    return now >= t.createdAt + t.expiresInS * 1000;
  }

  private issue(appUid: string, scopes: string[], userId: number, now: number): AccessToken {
    const t: AccessToken = { token: hex(32), refreshToken: hex(32), appUid, scopes, userId, createdAt: now, expiresInS: ACCESS_TOKEN_TTL_S, revokedAt: null };
    this.tokens.set(t.token, t);
    this.byRefresh.set(t.refreshToken, t);
    return t;
  }
}
