/**
 * "Sign in with GitLab" (OAuth 2 authorization code + PKCE, a public client). At the top level
 * the page goes to GitLab and comes back to `oauth/callback`, the state and verifier kept in
 * sessionStorage meanwhile. Inside a frame (GitLab's login refuses to be framed), or where
 * storage is blocked, a popup goes instead: the verifier stays in this page's memory, the
 * popup's callback hands the code back by postMessage to this origin only, and this page checks
 * the popup, the origin and the state before it exchanges the code.
 */
import * as z from 'zod/mini';
import { browserStorage, readJson, storageIsPersistent, writeJson } from '../../config/index.ts';
import { authorizeUrl, exchangeCode, randomToken, type OAuthClient, type OAuthTokens } from '../../gitlab/index.ts';

export const PENDING_KEY = 'ci-dashboard.oauth-pending';
export const RESULT_MESSAGE = 'ci-dashboard:oauth-result';
/** Popup sign-ins' states start so, and the callback knows to hand the code back. */
const POPUP_PREFIX = 'p.';

const Pending = z.object({
  state: z.string(),
  verifier: z.string(),
  host: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  remember: z.boolean(),
  returnTo: z.string(),
});
export type PendingSignIn = z.infer<typeof Pending>;

const ResultMessage = z.object({
  type: z.literal(RESULT_MESSAGE),
  state: z.string(),
  code: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(z.string())),
  error_description: z.optional(z.nullable(z.string())),
});
export type SignInResult = z.infer<typeof ResultMessage>;

export function callbackUrl(baseUrl: string): string {
  return new URL('oauth/callback', baseUrl).toString();
}

export function oauthClient(pending: Pick<PendingSignIn, 'host' | 'clientId'>, baseUrl: string): OAuthClient {
  return { host: pending.host, clientId: pending.clientId, redirectUri: callbackUrl(baseUrl) };
}

/** Whether this page signs in through a popup: inside a frame, or where it cannot keep the state across a redirect. */
export function usesPopup(win: Window): boolean {
  return win.top !== win.self || !storageIsPersistent();
}

/** A readable sentence for GitLab's error redirect or a failed check. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/** The code → tokens step, after the state was checked. */
export async function finishSignIn(pending: PendingSignIn, result: SignInResult, baseUrl: string): Promise<OAuthTokens> {
  if (result.state !== pending.state) throw new SignInError('The answer from GitLab does not match this sign-in (its state differs): nothing was saved. Start again.');
  if (result.error) {
    throw new SignInError(
      result.error === 'access_denied' ? 'GitLab did not sign you in: the access was denied.' : `GitLab did not sign you in: ${result.error}${result.error_description ? ` (${result.error_description})` : ''}.`,
    );
  }
  if (!result.code) throw new SignInError('GitLab came back without a code: nothing was saved. Start again.');
  return exchangeCode(oauthClient(pending, baseUrl), { code: result.code, verifier: pending.verifier });
}

export interface StartInput {
  host: string;
  clientId: string;
  scopes: readonly string[];
  remember: boolean;
  returnTo: string;
  baseUrl: string;
  win: Window;
}

/**
 * Starts a sign-in from a click. Redirect: the page leaves (the promise never settles).
 * Popup: resolves with the tokens once the popup came back, or rejects with a SignInError.
 */
export async function startSignIn(input: StartInput): Promise<{ pending: PendingSignIn; tokens: OAuthTokens } | null> {
  const popup = usesPopup(input.win);
  const pending: PendingSignIn = {
    state: `${popup ? POPUP_PREFIX : ''}${randomToken()}`,
    verifier: randomToken(48),
    host: input.host,
    clientId: input.clientId,
    scopes: [...input.scopes],
    remember: input.remember,
    returnTo: input.returnTo,
  };
  if (!popup) {
    writeJson(browserStorage('session'), PENDING_KEY, pending);
    input.win.location.assign(await authorizeUrl(oauthClient(pending, input.baseUrl), { ...pending }));
    return null;
  }
  // Opened in the click itself (popup blockers), then sent to GitLab once the challenge is made.
  const win = input.win.open('about:blank', 'ci-dashboard-sign-in', 'popup,width=640,height=760');
  if (!win) throw new SignInError('The browser blocked the sign-in window: allow pop-ups for this site and try again.');
  win.location.href = await authorizeUrl(oauthClient(pending, input.baseUrl), { ...pending });
  const result = await new Promise<SignInResult>((resolve, reject) => {
    const timer = input.win.setInterval(() => {
      if (!win.closed) return;
      stop();
      reject(new SignInError('The sign-in window was closed before GitLab answered.'));
    }, 500);
    const onMessage = (event: MessageEvent) => {
      // Only our own popup, on our own origin, with the shape of a result.
      if (event.source !== win || event.origin !== input.win.location.origin) return;
      const parsed = ResultMessage.safeParse(event.data);
      if (!parsed.success) return;
      stop();
      resolve(parsed.data);
    };
    const stop = () => {
      input.win.clearInterval(timer);
      input.win.removeEventListener('message', onMessage);
    };
    input.win.addEventListener('message', onMessage);
  });
  return { pending, tokens: await finishSignIn(pending, result, input.baseUrl) };
}

/** On `oauth/callback`: the result in the URL, and whether it belongs to a popup's opener. */
export function readCallback(search: string): SignInResult & { popup: boolean } {
  const p = new URLSearchParams(search);
  const state = p.get('state') ?? '';
  return { type: RESULT_MESSAGE, state, code: p.get('code'), error: p.get('error'), error_description: p.get('error_description'), popup: state.startsWith(POPUP_PREFIX) };
}

/** The redirect sign-in this tab started, taken out of storage (it is good once). */
export function takePending(): PendingSignIn | null {
  const storage = browserStorage('session');
  const parsed = Pending.safeParse(readJson(storage, PENDING_KEY));
  storage.removeItem(PENDING_KEY);
  return parsed.success ? parsed.data : null;
}
