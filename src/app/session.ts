/**
 * The app's view of "who are we talking to": the connection in force (from this browser's
 * Settings, or config.json), recent projects and the effective settings, as one subscribable
 * snapshot that loaders (outside React) and components (useSession) share. Storage and the
 * merging rules live in src/config; this only composes them.
 */
import { refreshDelay, refreshTokens, revokeToken, tryNormalizeHost, type Connection, type OAuthTokens } from '../gitlab/index.ts';
import {
  createConnectionStore,
  createListeners,
  createRecentProjectsStore,
  createSettingsStore,
  resolveConfig,
  resolveConnection,
  type EffectiveConfig,
  type KeyValueStorage,
  type ParsedUrlSettings,
  type RecentProject,
  type RuntimeConfig,
} from '../config/index.ts';

export type { RecentProject };

export interface SessionSnapshot {
  connection: Connection | null;
  /**
   * Where the connection's token comes from: this browser (Settings), the site's config.json,
   * or the portal that embeds the dashboard (`ci-dashboard:token`, kept in memory only).
   */
  source: 'browser' | 'config' | 'portal' | null;
  /** Whether the saved token outlives the browser session. */
  remember: boolean;
  recentProjects: readonly RecentProject[];
  effective: EffectiveConfig;
}

export interface SaveConnectionInput {
  host: string;
  token: string;
  remember: boolean;
}

export interface Session {
  get(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  saveConnection(input: SaveConnectionInput): void;
  disconnect(): void;
  addRecentProject(project: RecentProject): void;
  /**
   * The embedding portal's connection (`ci-dashboard:token`): held in memory for this page only,
   * never stored, in force over any other. False when the address is not usable.
   */
  setPortalConnection(input: { host: string; token: string }): boolean;
  /** The portal's theme (`ci-dashboard:theme`), in memory for this page. */
  setThemeOverride(theme: 'light' | 'dark'): void;
  /** From now on a portal may hand over a token: loaders wait a while for it (waitForConnection). */
  expectPortalToken(): void;
  /**
   * The connection, once there is one: at once when connected or when no portal token is
   * expected, else when the portal's token arrives (null after `timeoutMs` or an abort).
   */
  waitForConnection(signal?: AbortSignal, timeoutMs?: number): Promise<Connection | null>;
  /** Keeps what "Sign in with GitLab" got, like a personal token (this session unless `remember`). */
  saveOAuth(input: { host: string; tokens: OAuthTokens; clientId: string; remember: boolean }): void;
  /** Signs out: an OAuth token is revoked at GitLab first (best effort), then everything is forgotten. */
  signOut(): Promise<void>;
  /** Stops the refresh timer. */
  dispose(): void;
}

/** How long a page waits for the portal's token before asking the person (Settings). */
export const PORTAL_TOKEN_WAIT_MS = 10_000;

export interface SessionInput {
  config: RuntimeConfig;
  url: ParsedUrlSettings;
  /** The document's base, to resolve a relative GitLab address such as `/gitlab`. */
  baseUrl: string;
  /** For tests; the browser's storages otherwise. */
  storages?: { session: KeyValueStorage; local: KeyValueStorage };
}

export function createSession({ config, url, baseUrl, storages }: SessionInput): Session {
  const connections = createConnectionStore(storages ? { session: storages.session, local: storages.local, baseUrl } : { baseUrl });
  const recent = createRecentProjectsStore(storages ? { storage: storages.local } : {});
  const settings = createSettingsStore(storages ? { storage: storages.local } : {});
  const listeners = createListeners();
  let snapshot: SessionSnapshot | null = null;
  let portal: Connection | null = null;
  let themeOverride: 'light' | 'dark' | null = null;
  let portalTokenExpected = false;

  const compute = (): SessionSnapshot => {
    const saved = connections.getSnapshot();
    const resolvedConfig = resolveConfig({ config, settings: settings.getSnapshot(), saved, url, baseUrl });
    const effective = themeOverride ? { ...resolvedConfig, theme: themeOverride } : resolvedConfig;
    const resolved = resolveConnection(effective, config, saved, baseUrl);
    if (portal) {
      return { connection: portal, source: 'portal', remember: false, recentProjects: recent.list(portal.host), effective };
    }
    let connection: Connection | null = resolved ? (resolved.token ? { host: resolved.host, token: resolved.token } : { host: resolved.host }) : null;
    if (connection?.token && resolved?.tokenSource === 'browser' && saved?.oauth) connection = { ...connection, tokenType: 'oauth', renewToken: renew };
    return {
      connection,
      source: resolved?.tokenSource ?? (effective.gitlabUrlSource === 'config' ? 'config' : resolved ? 'browser' : null),
      remember: saved?.remember ?? false,
      recentProjects: connection ? recent.list(connection.host) : [],
      effective,
    };
  };

  const changed = () => {
    snapshot = null;
    listeners.notify();
  };
  connections.subscribe(changed);
  recent.subscribe(changed);
  settings.subscribe(changed);

  // OAuth: one refresh at a time; a request that failed with an older token gets the newer one.
  const redirectUri = new URL('oauth/callback', baseUrl).toString();
  let renewing: Promise<string | null> | null = null;
  function renew(failed: string): Promise<string | null> {
    const saved = connections.getSnapshot();
    if (!saved?.oauth || !saved.token) return Promise.resolve(null);
    if (saved.token !== failed) return Promise.resolve(saved.token);
    const { oauth, host, remember } = saved;
    renewing ??= refreshTokens({ host, clientId: oauth.clientId, redirectUri }, oauth.refreshToken)
      .then((t) => {
        connections.save({ host, token: t.accessToken, oauth: { refreshToken: t.refreshToken, expiresAt: t.expiresAt, clientId: oauth.clientId, scopes: t.scopes.length > 0 ? t.scopes : oauth.scopes } }, { remember });
        return t.accessToken;
      })
      .catch(() => null)
      .finally(() => {
        renewing = null;
      });
    return renewing;
  }
  // Before it expires (GitLab's OAuth tokens live two hours), by this browser's clock.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const saved = connections.getSnapshot();
    if (!saved?.oauth || !saved.token) return;
    const token = saved.token;
    timer = setTimeout(() => void renew(token), refreshDelay(saved.oauth.expiresAt, Date.now()));
  };
  connections.subscribe(schedule);
  schedule();

  const subscribe = listeners.subscribe;

  return {
    get: () => (snapshot ??= compute()),
    subscribe,
    saveConnection({ host, token, remember }) {
      connections.save(token ? { host, token } : { host }, { remember });
    },
    disconnect() {
      connections.clear();
    },
    addRecentProject(project) {
      const { connection } = (snapshot ??= compute());
      if (connection) recent.add(connection.host, project);
    },
    saveOAuth({ host, tokens, clientId, remember }) {
      connections.save({ host, token: tokens.accessToken, oauth: { refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, clientId, scopes: tokens.scopes } }, { remember });
    },
    async signOut() {
      const saved = connections.getSnapshot();
      if (saved?.oauth && saved.token) await revokeToken({ host: saved.host, clientId: saved.oauth.clientId, redirectUri }, saved.token).catch(() => undefined);
      connections.clear();
    },
    dispose() {
      clearTimeout(timer);
    },
    setPortalConnection({ host, token }) {
      const normalized = tryNormalizeHost(host, baseUrl);
      const trimmed = token.trim();
      if (!normalized || !trimmed) return false;
      if (portal?.host === normalized && portal.token === trimmed) return true;
      portal = { host: normalized, token: trimmed };
      changed();
      return true;
    },
    setThemeOverride(theme) {
      if (themeOverride === theme) return;
      themeOverride = theme;
      changed();
    },
    expectPortalToken() {
      portalTokenExpected = true;
    },
    waitForConnection(signal, timeoutMs = PORTAL_TOKEN_WAIT_MS) {
      const current = (snapshot ??= compute()).connection;
      if (current?.token || !portalTokenExpected) return Promise.resolve(current);
      return new Promise((resolve) => {
        const done = (value: Connection | null) => {
          clearTimeout(timer);
          stop();
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        };
        const onAbort = () => done(null);
        const timer = setTimeout(() => done((snapshot ??= compute()).connection), timeoutMs);
        const stop = subscribe(() => {
          if (portal) done(portal);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
