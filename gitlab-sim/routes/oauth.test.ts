import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSim, SIM_OAUTH_CLIENT_ID, type Sim } from '../index.ts';
import { admin } from '../testing/client.ts';

const HOST = 'http://sim.test';
const REDIRECT = 'http://127.0.0.1:5173/oauth/callback';
const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
const go = (sim: Sim, path: string, init?: RequestInit) => sim.fetch(new Request(`${HOST}${path}`, init));

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeQuery(extra: Record<string, string> = {}) {
  return new URLSearchParams({ client_id: SIM_OAUTH_CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', state: 'st-1', scope: 'read_api', ...extra }).toString();
}

/** Consent, then the code from the redirect. */
async function authorize(sim: Sim, challenge: string): Promise<string> {
  const params = Object.fromEntries(new URLSearchParams(authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })));
  const res = await go(sim, '/oauth/authorize', form(params));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('Location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code') ?? '';
}

async function signIn(sim: Sim) {
  const { verifier, challenge } = pkce();
  const code = await authorize(sim, challenge);
  const res = await go(sim, '/oauth/token', form({ grant_type: 'authorization_code', client_id: SIM_OAUTH_CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier }));
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string; scope: string; created_at: number };
}

describe('OAuth on the simulator', () => {
  it('shows a consent page that refuses to be framed, for the registered demo application', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const res = await go(sim, `/oauth/authorize?${authorizeQuery({ code_challenge: pkce().challenge, code_challenge_method: 'S256' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('Authorize CI Jobs Dashboard (demo) to use your account?');
    expect(html).toMatch(/<button class="primary" type="submit">Authorize<\/button>/);
    expect(html).toMatch(/name="_method" value="delete"/);
    const state = await admin(sim, 'state');
    expect(state.oauth_applications).toEqual([
      { client_id: SIM_OAUTH_CLIENT_ID, name: 'CI Jobs Dashboard (demo)', redirect_uris: [REDIRECT, 'http://localhost:5173/oauth/callback'], scopes: ['api', 'read_api'], confidential: false },
    ]);
  });

  it('answers with GitLab’s error page for an unknown client or redirect URI, and redirects back for the rest', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    expect((await go(sim, `/oauth/authorize?${authorizeQuery({ client_id: 'nope' })}`)).status).toBe(401);
    const badRedirect = await go(sim, `/oauth/authorize?${authorizeQuery({ redirect_uri: 'http://evil.example/cb' })}`);
    expect(badRedirect.status).toBe(400);
    expect(await badRedirect.text()).toContain('The redirect URI included is not valid.');
    for (const [extra, error] of [
      [{ scope: 'sudo' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: 'x', code_challenge_method: 'S512' }, 'invalid_request'],
    ] as const) {
      const res = await go(sim, `/oauth/authorize?${authorizeQuery(extra)}`);
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('Location') ?? '');
      expect(back.searchParams.get('error')).toBe(error);
      expect(back.searchParams.get('state')).toBe('st-1');
    }
    // Deny: access_denied with the state, as GitLab redirects.
    const deny = await go(sim, '/oauth/authorize', form({ ...Object.fromEntries(new URLSearchParams(authorizeQuery())), _method: 'delete' }));
    const back = new URL(deny.headers.get('Location') ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe('The resource owner or authorization server denied the request.');
    expect(back.searchParams.get('state')).toBe('st-1');
  });

  it('exchanges a code once, with the PKCE verifier, for a 2-hour token the API takes', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const { verifier, challenge } = pkce();
    const code = await authorize(sim, challenge);
    const exchange = (v: string, c = code) => go(sim, '/oauth/token', form({ grant_type: 'authorization_code', client_id: SIM_OAUTH_CLIENT_ID, code: c, redirect_uri: REDIRECT, code_verifier: v }));
    const wrong = await exchange(pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('authorization grant is invalid') as unknown });
    const ok = await exchange(verifier);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const token = (await ok.json()) as Record<string, unknown>;
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: 'read_api' });
    expect(token.access_token).toMatch(/^[0-9a-f]{64}$/);
    expect(token.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    expect((await exchange(verifier)).status).toBe(400); // a code is good once

    const user = await go(sim, '/api/v4/user', { headers: { Authorization: `Bearer ${String(token.access_token)}` } });
    expect(user.status).toBe(200);
    // A read_api token may only read.
    const write = await go(sim, '/api/v4/projects/1/jobs/1/retry', { method: 'POST', headers: { Authorization: `Bearer ${String(token.access_token)}` } });
    expect(write.status).toBe(403);
    // OAuth tokens are not personal access tokens.
    expect((await go(sim, '/api/v4/user', { headers: { 'PRIVATE-TOKEN': String(token.access_token) } })).status).toBe(401);

    const info = await go(sim, '/oauth/token/info', { headers: { Authorization: `Bearer ${String(token.access_token)}` } });
    expect(await info.json()).toMatchObject({ resource_owner_id: 1, scope: ['read_api'], expires_in: 7200, application: { uid: SIM_OAUTH_CLIENT_ID } });
  });

  it('expires tokens on the simulator’s clock with GitLab’s 401, and refreshes them (rotating the refresh token)', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const first = await signIn(sim);
    await admin(sim, 'clock', { advance_ms: 7200 * 1000 });
    const expired = await go(sim, '/api/v4/user', { headers: { Authorization: `Bearer ${first.access_token}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' });
    expect(expired.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="", error="invalid_token", error_description="Token is expired/);

    const refreshed = await go(sim, '/oauth/token', form({ grant_type: 'refresh_token', client_id: SIM_OAUTH_CLIENT_ID, refresh_token: first.refresh_token }));
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(second.access_token).not.toBe(first.access_token);
    expect((await go(sim, '/api/v4/user', { headers: { Authorization: `Bearer ${second.access_token}` } })).status).toBe(200);
    // The old refresh token went with the old pair.
    const again = await go(sim, '/oauth/token', form({ grant_type: 'refresh_token', client_id: SIM_OAUTH_CLIENT_ID, refresh_token: first.refresh_token }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
    expect(((await (await go(sim, '/oauth/token', form({ grant_type: 'password' }))).json()) as { error: string }).error).toBe('unsupported_grant_type');
    expect((await go(sim, '/oauth/token', form({ grant_type: 'refresh_token', client_id: 'nope', refresh_token: 'x' }))).status).toBe(401);
  });

  it('revokes a token: the API then refuses it, and its refresh token is gone too', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const t = await signIn(sim);
    const revoke = await go(sim, '/oauth/revoke', form({ client_id: SIM_OAUTH_CLIENT_ID, token: t.access_token }));
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({});
    const refused = await go(sim, '/api/v4/user', { headers: { Authorization: `Bearer ${t.access_token}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error_description: string }).error_description).toBe('Token was revoked. You have to re-authorize from the user.');
    expect((await go(sim, '/oauth/token', form({ grant_type: 'refresh_token', client_id: SIM_OAUTH_CLIENT_ID, refresh_token: t.refresh_token }))).status).toBe(400);
    expect((await go(sim, '/oauth/token/info', { headers: { Authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    // An unknown token is no error (RFC 7009).
    expect((await go(sim, '/oauth/revoke', form({ client_id: SIM_OAUTH_CLIENT_ID, token: 'unknown' }))).status).toBe(200);
  });

  it('answers CORS preflights for the token endpoints with the simple headers and Authorization only', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const pre = (headers: string) =>
      go(sim, '/oauth/token', { method: 'OPTIONS', headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers } });
    expect((await pre('authorization')).headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await pre('x-requested-with')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('keeps registered redirect URIs across a reset, tokens not', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000, oauthRedirectUris: ['http://127.0.0.1:1/cb'] });
    await admin(sim, 'oauth/redirect-uris', { redirect_uris: [REDIRECT] });
    const t = await signIn(sim);
    await admin(sim, 'reset', {});
    const state = await admin(sim, 'state');
    expect((state.oauth_applications as { redirect_uris: string[] }[])[0]?.redirect_uris).toEqual(['http://127.0.0.1:1/cb', REDIRECT]);
    expect((await go(sim, '/api/v4/user', { headers: { Authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
  });
});
