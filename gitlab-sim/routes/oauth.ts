// GitLab's OAuth 2 endpoints (Doorkeeper) on the simulator: the consent page and its redirects,
// the token endpoint (authorization_code with PKCE, refresh_token), revoke and token info.
// The simulated browser session is signed in as user 1 (the owner of glpat-sim-api).
import { Hono } from 'hono';
import type { SimState } from '../state.ts';
import { DESCRIPTIONS, OAuthError, type AccessToken, type OAuthApplication } from '../oauth/store.ts';
import { json } from './common.ts';

const SIGNED_IN_USER = 1;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GitLab's login and consent pages refuse to be framed. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'; form-action 'self' http: https:",
  'Cache-Control': 'no-store',
};

function errorPage(status: number, title: string, detail: string): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An error has occurred · GitLab (simulated)</title></head>
<body><main><h1>An error has occurred</h1><p>${escapeHtml(title)}</p><p>${escapeHtml(detail)}</p></main></body></html>`;
  return new Response(body, { status, headers: PAGE_HEADERS });
}

function redirectWith(redirectUri: string, params: Record<string, string | null>): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } });
}

/** Query and body together, as Rails' params are (form-encoded or JSON). */
async function readParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  if (request.method !== 'POST') return params;
  const type = request.headers.get('Content-Type') ?? '';
  const text = await request.text();
  if (type.includes('application/json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') params.set(k, v);
    } catch {
      // Doorkeeper then sees no parameters at all.
    }
  } else {
    for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  }
  return params;
}

function oauthError(e: unknown): Response {
  if (e instanceof OAuthError) {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
    if (e.status === 401) headers['WWW-Authenticate'] = `Bearer realm="Doorkeeper", error="${e.code}", error_description="${e.description}"`;
    return json({ error: e.code, error_description: e.description }, e.status, headers);
  }
  throw e;
}

function tokenBody(t: AccessToken): Record<string, unknown> {
  return {
    access_token: t.token,
    token_type: 'Bearer',
    expires_in: t.expiresInS,
    refresh_token: t.refreshToken,
    scope: t.scopes.join(' '),
    created_at: Math.floor(t.createdAt / 1000),
  };
}

interface AuthorizeRequest {
  app: OAuthApplication;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  challenge: string | null;
  challengeMethod: 'S256' | 'plain' | null;
}

/** Doorkeeper's checks, in its order: client and redirect URI show a page; the rest redirect back with an error. */
function checkAuthorize(state: SimState, params: URLSearchParams): AuthorizeRequest | Response {
  const app = state.oauth.applications.get(params.get('client_id') ?? '');
  if (!app) return errorPage(401, 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.', 'The client application is not known to this GitLab.');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) return errorPage(400, DESCRIPTIONS.invalid_redirect_uri, 'Make sure the redirect URI is one of those registered for the application.');
  const st = params.get('state');
  const back = (error: string, description: string) => redirectWith(redirectUri, { error, error_description: description, state: st });
  if (params.get('response_type') !== 'code') return back('unsupported_response_type', DESCRIPTIONS.unsupported_response_type);
  const scopes = state.oauth.scopesFor(app, params.get('scope'));
  if (!scopes) return back('invalid_scope', DESCRIPTIONS.invalid_scope);
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method') ?? (challenge ? 'plain' : null);
  if (method !== null && method !== 'S256' && method !== 'plain') return back('invalid_request', 'The code challenge method must be plain or S256.');
  if (method !== null && !challenge) return back('invalid_request', 'Missing required parameter: code_challenge.');
  return { app, redirectUri, state: st, scopes, challenge, challengeMethod: method };
}

function consentPage(state: SimState, req: AuthorizeRequest, params: URLSearchParams): Response {
  const user = state.world.users.find((u) => u.id === SIGNED_IN_USER);
  const hidden = [...params.entries()]
    .filter(([k]) => ['client_id', 'redirect_uri', 'response_type', 'state', 'scope', 'code_challenge', 'code_challenge_method'].includes(k))
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize application · GitLab (simulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#333}button{font:inherit;padding:.4rem 1rem;margin-right:.5rem;border-radius:4px;border:1px solid #bbb;background:#fff}button.primary{background:#1f75cb;border-color:#1f75cb;color:#fff}code{background:#eee;padding:0 .2rem}</style></head>
<body><main>
<p>Signed in to the simulated GitLab as <strong>${escapeHtml(user?.name ?? 'someone')}</strong> (@${escapeHtml(user?.username ?? '')}).</p>
<h1>Authorize ${escapeHtml(req.app.name)} to use your account?</h1>
<p>An application called ${escapeHtml(req.app.name)} is requesting access to your GitLab account. It will be able to:</p>
<ul>${req.scopes.map((s) => `<li><code>${escapeHtml(s)}</code>${s === 'api' ? ': read and write through the API, as you' : s === 'read_api' ? ': read through the API, as you' : ''}</li>`).join('')}</ul>
<p>You will be redirected to <code>${escapeHtml(req.redirectUri)}</code>.</p>
<form method="post" action="/oauth/authorize">${hidden}<button class="primary" type="submit">Authorize</button></form>
<form method="post" action="/oauth/authorize"><input type="hidden" name="_method" value="delete">${hidden}<button type="submit">Deny</button></form>
</main></body></html>`;
  return new Response(body, { status: 200, headers: PAGE_HEADERS });
}

export function createOAuthApp(state: SimState): Hono {
  const app = new Hono().basePath('/oauth');

  app.get('/authorize', (c) => {
    const params = new URL(c.req.url).searchParams;
    const checked = checkAuthorize(state, params);
    return checked instanceof Response ? checked : consentPage(state, checked, params);
  });

  // The consent page's buttons: Authorize (POST) and Deny (POST with _method=delete, as Rails does).
  app.post('/authorize', async (c) => {
    const params = await readParams(c.req.raw);
    const checked = checkAuthorize(state, params);
    if (checked instanceof Response) return checked;
    if (params.get('_method') === 'delete') {
      return redirectWith(checked.redirectUri, { error: 'access_denied', error_description: DESCRIPTIONS.access_denied, state: checked.state });
    }
    const code = state.oauth.createGrant(
      { appUid: checked.app.uid, redirectUri: checked.redirectUri, scopes: checked.scopes, userId: SIGNED_IN_USER, challenge: checked.challenge, challengeMethod: checked.challengeMethod },
      state.clock.now(),
    );
    return redirectWith(checked.redirectUri, { code, state: checked.state });
  });

  app.post('/token', async (c) => {
    const p = await readParams(c.req.raw);
    const now = state.clock.now();
    try {
      const grantType = p.get('grant_type');
      const clientId = p.get('client_id') ?? '';
      if (grantType === 'authorization_code') {
        for (const name of ['code', 'redirect_uri']) {
          if (!p.get(name)) return json({ error: 'invalid_request', error_description: `Missing required parameter: ${name}.` }, 400);
        }
        const t = state.oauth.exchangeCode({ clientId, code: p.get('code') ?? '', redirectUri: p.get('redirect_uri') ?? '', codeVerifier: p.get('code_verifier') }, now);
        return json(tokenBody(t), 200, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
      }
      if (grantType === 'refresh_token') {
        if (!p.get('refresh_token')) return json({ error: 'invalid_request', error_description: 'Missing required parameter: refresh_token.' }, 400);
        const t = state.oauth.refresh({ clientId, refreshToken: p.get('refresh_token') ?? '' }, now);
        return json(tokenBody(t), 200, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
      }
      if (!grantType) return json({ error: 'invalid_request', error_description: 'Missing required parameter: grant_type.' }, 400);
      return json({ error: 'unsupported_grant_type', error_description: DESCRIPTIONS.unsupported_grant_type }, 400);
    } catch (e) {
      return oauthError(e);
    }
  });

  app.post('/revoke', async (c) => {
    const p = await readParams(c.req.raw);
    try {
      state.oauth.revoke({ clientId: p.get('client_id'), token: p.get('token') ?? '' }, state.clock.now());
      return json({});
    } catch (e) {
      return oauthError(e);
    }
  });

  app.get('/token/info', (c) => {
    const url = new URL(c.req.url);
    const bearer = c.req.header('Authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? url.searchParams.get('access_token');
    const now = state.clock.now();
    const t = bearer ? state.oauth.lookup(bearer) : undefined;
    const refuse = (description: string) =>
      json({ error: 'invalid_token', error_description: description }, 401, { 'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"` });
    if (!t) return refuse('The access token is invalid');
    if (t.revokedAt !== null) return refuse('The access token was revoked');
    if (state.oauth.isExpired(t, now)) return refuse('The access token expired');
    const expiresIn = Math.max(0, Math.floor((t.createdAt + t.expiresInS * 1000 - now) / 1000));
    return json({
      resource_owner_id: t.userId,
      scope: t.scopes,
      expires_in: expiresIn,
      application: { uid: t.appUid },
      created_at: Math.floor(t.createdAt / 1000),
      scopes: t.scopes,
      expires_in_seconds: expiresIn,
    });
  });

  app.notFound(() => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }));
  return app;
}
