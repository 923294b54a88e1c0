/**
 * Browser storage that never throws: a sandboxed iframe, a private window or a blocked
 * third-party context can make localStorage/sessionStorage throw on access; then the
 * dashboard keeps its settings in memory for the session instead of breaking.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** The browser's localStorage or sessionStorage if usable, else an in-memory stand-in. */
export function browserStorage(kind: 'local' | 'session'): KeyValueStorage {
  try {
    const storage = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    if (!storage) return memoryStorage();
    const probe = '__ci-dashboard-probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return {
      getItem: (key) => {
        try {
          return storage.getItem(key);
        } catch {
          return null;
        }
      },
      setItem: (key, value) => {
        try {
          storage.setItem(key, value);
        } catch {
          // Quota or policy: the value simply is not kept.
        }
      },
      removeItem: (key) => {
        try {
          storage.removeItem(key);
        } catch {
          // As above.
        }
      },
    };
  } catch {
    return memoryStorage();
  }
}

export function readJson(storage: KeyValueStorage, key: string): unknown {
  const text = storage.getItem(key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  storage.setItem(key, JSON.stringify(value));
}

/** A listener set for the small stores below (the shape React's useSyncExternalStore wants). */
export function createListeners(): { subscribe(listener: () => void): () => void; notify(): void } {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify() {
      for (const l of [...listeners]) l();
    },
  };
}

/** Calls `onChange` when another tab changes one of `keys` in localStorage. Returns a stop function. */
export function watchOtherTabs(keys: readonly string[], onChange: () => void): () => void {
  const target = globalThis as { addEventListener?: (type: string, fn: (e: { key?: string | null }) => void) => void; removeEventListener?: (type: string, fn: (e: { key?: string | null }) => void) => void };
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const handler = (e: { key?: string | null }) => {
    if (e.key == null || keys.includes(e.key)) onChange();
  };
  target.addEventListener('storage', handler);
  return () => target.removeEventListener?.('storage', handler);
}
