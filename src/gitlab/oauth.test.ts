import { describe, expect, it } from 'vitest';
import { createSim, SIM_OAUTH_CLIENT_ID } from '../../gitlab-sim/index.ts';
import { isGitLabError } from './errors.ts';
import { authorizeUrl, exchangeCode, pkceChallenge, randomToken, refreshDelay, refreshTokens, revokeToken, type OAuthClient } from './oauth.ts';

const HOST = 'http://sim.test';
const REDIRECT = 'http://127.0.0.1:5173/oauth/callback';

function setup() {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
  const client: OAuthClient = { host: HOST, clientId: SIM_OAUTH_CLIENT_ID, redirectUri: REDIRECT, fetch: (input, init) => sim.fetch(new Request(input, init)) };
  /** What a person's click on Authorize does: the code from GitLab's redirect. */
  const consent = async (url: string) => {
    const params = Object.fromEntries(new URL(url).searchParams);
    const res = await sim.fetch(new Request(`${HOST}/oauth/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }));
    return new URL(res.headers.get('Location') ?? '');
  };
  return { sim, client, consent };
}

describe('GitLab OAuth (public client, PKCE)', () => {
  it('makes RFC 7636 challenges', async () => {
    // The example of GitLab's OAuth documentation.
    expect(await pkceChallenge('ks02i3jdikdo2k0dkfodf3m39rjfjsdk0wk349rj3jrhf')).toBe('2i0WFA-0AerkjQm4X4oDEhqA17QIAKNjXpagHBXmO_U');
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs in, refreshes and revokes against the simulator', async () => {
    const { sim, client, consent } = setup();
    const verifier = randomToken();
    const url = await authorizeUrl(client, { state: 's1', verifier, scopes: ['read_api'] });
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    const back = await consent(url);
    expect(back.searchParams.get('state')).toBe('s1');
    const tokens = await exchangeCode(client, { code: back.searchParams.get('code') ?? '', verifier }, () => 1_000);
    expect(tokens).toMatchObject({ expiresAt: 1_000 + 7_200_000, scopes: ['read_api'] });
    const next = await refreshTokens(client, tokens.refreshToken);
    expect(next.accessToken).not.toBe(tokens.accessToken);
    await revokeToken(client, next.accessToken);
    const user = await sim.fetch(new Request(`${HOST}/api/v4/user`, { headers: { Authorization: `Bearer ${next.accessToken}` } }));
    expect(user.status).toBe(401);
  });

  it('says invalid_grant for a wrong verifier or a used refresh token', async () => {
    const { client, consent } = setup();
    const back = await consent(await authorizeUrl(client, { state: 's', verifier: randomToken(), scopes: ['api'] }));
    const error = await exchangeCode(client, { code: back.searchParams.get('code') ?? '', verifier: randomToken() }).catch((e: unknown) => e);
    expect(isGitLabError(error) && error.kind === 'unauthorized' && error.gitlabCode === 'invalid_grant').toBe(true);
  });

  it('refreshes five minutes before expiry', () => {
    expect(refreshDelay(10 * 60_000, 0)).toBe(5 * 60_000);
    expect(refreshDelay(1000, 5000)).toBe(0);
  });
});
