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

/**
 * Where this page writes what it remembers: 'browser' (localStorage/sessionStorage, when usable)
 * or 'memory' (embed mode: nothing may be written to the browser's storage; what is already
 * there can still be read, a change lives in memory over it). Chosen once at boot, before any
 * store reads; a blocked storage falls back to memory on its own.
 */
let mode: 'browser' | 'memory' = 'browser';
// One stand-in per kind, so every store of the page sees what another wrote.
const memory = { local: memoryStorage(), session: memoryStorage() };
const usable: Partial<Record<'local' | 'session', boolean>> = {};
const REMOVED = '\u0000removed';

export function keepStorageInMemory(): void {
  mode = 'memory';
}

/** Reads the browser's storage, writes to memory only. */
function overlay(kind: 'local' | 'session', below: KeyValueStorage | null): KeyValueStorage {
  const mem = memory[kind];
  return {
    getItem: (key) => {
      const own = mem.getItem(key);
      if (own !== null) return own === REMOVED ? null : own;
      return below ? below.getItem(key) : null;
    },
    setItem: (key, value) => mem.setItem(key, value),
    removeItem: (key) => mem.setItem(key, REMOVED),
  };
}

function openStorage(kind: 'local' | 'session'): Storage | null {
  try {
    const storage = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    if (!storage) return null;
    if (mode === 'memory') {
      // Embedded: only reads, so the probe reads too.
      storage.getItem('__ci-dashboard-probe__');
      return storage;
    }
    const probe = '__ci-dashboard-probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/**
 * Whether what the person saves outlives this page: false in embed mode and where the browser
 * refuses storage (a third-party frame with storage blocked, some private windows). Settings
 * says so instead of pretending to remember.
 */
export function storageIsPersistent(): boolean {
  if (mode === 'memory') return false;
  usable.local ??= openStorage('local') !== null;
  usable.session ??= openStorage('session') !== null;
  return usable.local && usable.session;
}

/** The browser's localStorage or sessionStorage if usable (and writable), else an in-memory stand-in. */
export function browserStorage(kind: 'local' | 'session'): KeyValueStorage {
  const storage = openStorage(kind);
  usable[kind] = storage !== null;
  if (!storage) return memory[kind];
  const safe: KeyValueStorage = {
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
  return mode === 'memory' ? overlay(kind, safe) : safe;
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
