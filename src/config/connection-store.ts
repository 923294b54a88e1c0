/**
 * Where the GitLab address and token live in the browser: sessionStorage by default (gone when
 * the tab closes), localStorage only when the person ticks "remember". A token is bound to the
 * host it was saved for: it is never sent to another host (say, one given in `?host=`).
 * React-free: `subscribe` + `getSnapshot` fit `useSyncExternalStore`.
 */
import * as z from 'zod/mini';
import { tryNormalizeHost } from '../gitlab/index.ts';
import { browserStorage, createListeners, readJson, watchOtherTabs, writeJson } from './storage.ts';
import type { KeyValueStorage } from './storage.ts';

export const CONNECTION_STORAGE_KEY = 'ci-dashboard.connection';

/** What "Sign in with GitLab" keeps beside its access token, to refresh it. */
export interface SavedOAuth {
  refreshToken: string;
  /** Epoch ms by this browser's clock. */
  expiresAt: number;
  clientId: string;
  scopes: string[];
}

export interface SavedConnection {
  /** Normalised GitLab address. */
  host: string;
  token?: string;
  /** Present when the token came from "Sign in with GitLab". */
  oauth?: SavedOAuth;
  /** True when kept in localStorage (survives closing the browser). */
  remember: boolean;
}

const OAuthSchema = z.object({ refreshToken: z.string(), expiresAt: z.number(), clientId: z.string(), scopes: z.array(z.string()) });
const StoredSchema = z.object({ host: z.string(), token: z.optional(z.string()), oauth: z.optional(z.catch(z.optional(OAuthSchema), undefined)) });

export interface ConnectionStore {
  /** The saved connection; the same object until it changes. */
  getSnapshot(): SavedConnection | null;
  subscribe(listener: () => void): () => void;
  /** Saves host and token; `remember` chooses localStorage over sessionStorage. Throws a TypeError for an unusable address. */
  save(connection: { host: string; token?: string; oauth?: SavedOAuth }, options: { remember: boolean }): void;
  /** The token saved for this host, if any. */
  tokenFor(host: string): string | undefined;
  /** Drops the token, keeps the address. */
  forgetToken(): void;
  /** Drops everything. */
  clear(): void;
  /** Stops listening to other tabs. */
  dispose(): void;
}

export function createConnectionStore(options: { session?: KeyValueStorage; local?: KeyValueStorage; baseUrl?: string } = {}): ConnectionStore {
  const session = options.session ?? browserStorage('session');
  const local = options.local ?? browserStorage('local');
  const listeners = createListeners();

  const read = (): SavedConnection | null => {
    for (const [storage, remember] of [
      [session, false],
      [local, true],
    ] as const) {
      const parsed = StoredSchema.safeParse(readJson(storage, CONNECTION_STORAGE_KEY));
      if (!parsed.success) continue;
      const host = tryNormalizeHost(parsed.data.host, options.baseUrl);
      if (!host) continue;
      const token = parsed.data.token?.trim();
      if (!token) return { host, remember };
      return parsed.data.oauth ? { host, token, oauth: parsed.data.oauth, remember } : { host, token, remember };
    }
    return null;
  };

  let snapshot = read();
  const refresh = () => {
    const next = read();
    if (next?.host === snapshot?.host && next?.token === snapshot?.token && next?.remember === snapshot?.remember && next?.oauth?.refreshToken === snapshot?.oauth?.refreshToken) return;
    snapshot = next;
    listeners.notify();
  };
  const stopWatching = watchOtherTabs([CONNECTION_STORAGE_KEY], refresh);

  return {
    getSnapshot: () => snapshot,
    subscribe: listeners.subscribe,
    save(connection, { remember }) {
      const host = tryNormalizeHost(connection.host, options.baseUrl);
      if (!host) throw new TypeError(`Not a usable GitLab address: ${connection.host}`);
      const token = connection.token?.trim() || undefined;
      const value = token ? (connection.oauth ? { host, token, oauth: connection.oauth } : { host, token }) : { host };
      writeJson(remember ? local : session, CONNECTION_STORAGE_KEY, value);
      (remember ? session : local).removeItem(CONNECTION_STORAGE_KEY);
      refresh();
    },
    tokenFor(host) {
      const normalised = tryNormalizeHost(host, options.baseUrl);
      return snapshot && normalised === snapshot.host ? snapshot.token : undefined;
    },
    forgetToken() {
      if (!snapshot) return;
      writeJson(snapshot.remember ? local : session, CONNECTION_STORAGE_KEY, { host: snapshot.host });
      refresh();
    },
    clear() {
      session.removeItem(CONNECTION_STORAGE_KEY);
      local.removeItem(CONNECTION_STORAGE_KEY);
      refresh();
    },
    dispose: stopWatching,
  };
}
