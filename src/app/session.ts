/**
 * The app's view of "who are we talking to": the connection in force (from this browser's
 * Settings, or config.json), recent projects and the effective settings, as one subscribable
 * snapshot that loaders (outside React) and components (useSession) share. Storage and the
 * merging rules live in src/config; this only composes them.
 */
import type { Connection } from '../gitlab/index.ts';
import {
  createConnectionStore,
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
  /** Where the connection's token comes from: this browser (Settings) or the site's config.json. */
  source: 'browser' | 'config' | null;
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
}

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
  const listeners = new Set<() => void>();
  let snapshot: SessionSnapshot | null = null;

  const compute = (): SessionSnapshot => {
    const saved = connections.getSnapshot();
    const effective = resolveConfig({ config, settings: settings.getSnapshot(), saved, url, baseUrl });
    const resolved = resolveConnection(effective, config, saved, baseUrl);
    const connection: Connection | null = resolved ? (resolved.token ? { host: resolved.host, token: resolved.token } : { host: resolved.host }) : null;
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
    for (const l of listeners) l();
  };
  connections.subscribe(changed);
  recent.subscribe(changed);
  settings.subscribe(changed);

  return {
    get: () => (snapshot ??= compute()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
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
  };
}
