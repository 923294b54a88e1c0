import { describe, expect, it, vi } from 'vitest';
import { CONNECTION_STORAGE_KEY, createConnectionStore } from './connection-store.ts';
import { createRecentProjectsStore, RECENT_PROJECTS_STORAGE_KEY } from './recent-projects.ts';
import { createSettingsStore } from './settings-store.ts';
import { browserStorage, memoryStorage } from './storage.ts';

describe('connection store', () => {
  it('keeps the token in sessionStorage unless "remember" is chosen', () => {
    const session = memoryStorage();
    const local = memoryStorage();
    const store = createConnectionStore({ session, local });
    let calls = 0;
    const stop = store.subscribe(() => (calls += 1));
    expect(store.getSnapshot()).toBeNull();

    store.save({ host: 'https://gitlab.example.com/api/v4/', token: ' glpat-a ' }, { remember: false });
    expect(store.getSnapshot()).toEqual({ host: 'https://gitlab.example.com', token: 'glpat-a', remember: false });
    expect(session.getItem(CONNECTION_STORAGE_KEY)).toContain('glpat-a');
    expect(local.getItem(CONNECTION_STORAGE_KEY)).toBeNull();

    store.save({ host: 'https://gitlab.example.com', token: 'glpat-b' }, { remember: true });
    expect(store.getSnapshot()?.remember).toBe(true);
    expect(local.getItem(CONNECTION_STORAGE_KEY)).toContain('glpat-b');
    expect(session.getItem(CONNECTION_STORAGE_KEY)).toBeNull();
    expect(calls).toBe(2);

    const snap = store.getSnapshot();
    expect(store.getSnapshot()).toBe(snap); // stable for useSyncExternalStore
    stop();
    store.dispose();
  });

  it('binds the token to its host, can forget it, and clears', () => {
    const store = createConnectionStore({ session: memoryStorage(), local: memoryStorage() });
    store.save({ host: 'gitlab.example.com', token: 'glpat-a' }, { remember: false });
    expect(store.tokenFor('https://gitlab.example.com/')).toBe('glpat-a');
    expect(store.tokenFor('https://evil.example')).toBeUndefined();
    store.forgetToken();
    expect(store.getSnapshot()).toEqual({ host: 'https://gitlab.example.com', remember: false });
    store.clear();
    expect(store.getSnapshot()).toBeNull();
    expect(() => store.save({ host: 'ftp://nope' }, { remember: false })).toThrow(TypeError);
  });

  it('reads what another session saved, ignoring garbage', () => {
    const local = memoryStorage();
    local.setItem(CONNECTION_STORAGE_KEY, JSON.stringify({ host: 'https://g.example', token: 't' }));
    expect(createConnectionStore({ session: memoryStorage(), local }).getSnapshot()).toEqual({ host: 'https://g.example', token: 't', remember: true });
    local.setItem(CONNECTION_STORAGE_KEY, '{not json');
    expect(createConnectionStore({ session: memoryStorage(), local }).getSnapshot()).toBeNull();
  });
});

describe('settings store', () => {
  it('merges, removes with undefined, drops invalid values', () => {
    const storage = memoryStorage();
    const store = createSettingsStore({ storage });
    store.update({ theme: 'dark', projects: ['a/b'] });
    store.update({ refresh: { activeMs: 3000 } });
    expect(store.getSnapshot()).toEqual({ theme: 'dark', projects: ['a/b'], refresh: { activeMs: 3000 } });
    store.update({ theme: undefined });
    expect(store.getSnapshot().theme).toBeUndefined();
    storage.setItem('ci-dashboard.settings', JSON.stringify({ theme: 'neon', readOnly: true, refresh: { activeMs: 5 } }));
    expect(createSettingsStore({ storage }).getSnapshot()).toEqual({ readOnly: true });
  });
});

describe('recent projects', () => {
  it('newest first, per host, deduplicated, capped', () => {
    const store = createRecentProjectsStore({ storage: memoryStorage(), cap: 3 });
    for (const p of ['a/one', 'a/two', 'a/three', 'a/four']) store.add('https://g.example', p);
    store.add('https://g.example/', { path: 'A/Two', id: 2, name: 'Two' });
    expect(store.list('https://g.example').map((p) => p.path)).toEqual(['A/Two', 'a/four', 'a/three']);
    expect(store.list('https://g.example')[0]).toEqual({ path: 'A/Two', id: 2, name: 'Two' });
    expect(store.list('https://other.example')).toEqual([]);
    store.remove('https://g.example', 'a/four');
    expect(store.list('https://g.example')).toHaveLength(2);
    store.clear();
    expect(store.list('https://g.example')).toEqual([]);
  });

  it('keeps what is sound of what was stored: old path-only entries, a bad id or name dropped alone', () => {
    const storage = memoryStorage();
    storage.setItem(
      RECENT_PROJECTS_STORAGE_KEY,
      JSON.stringify({ 'https://g.example': ['a/old', '', 7, { path: 'a/new', id: 1.5, name: 3 }, { id: 4 }, { path: 'a/full', id: 4, name: 'Full' }], 'https://h.example': 'not a list' }),
    );
    const store = createRecentProjectsStore({ storage });
    expect(store.list('https://g.example')).toEqual([{ path: 'a/old' }, { path: 'a/new' }, { path: 'a/full', id: 4, name: 'Full' }]);
    expect(store.list('https://h.example')).toEqual([]);
    storage.setItem(RECENT_PROJECTS_STORAGE_KEY, JSON.stringify(['a/b']));
    expect(createRecentProjectsStore({ storage }).list('0')).toEqual([]);
  });
});

describe('browserStorage', () => {
  it('falls back to memory where there is no storage (Node, blocked iframes)', () => {
    const s = browserStorage('local');
    s.setItem('k', 'v');
    expect(s.getItem('k')).toBe('v');
  });
});

describe('storage in embed mode', () => {
  it('reads what the browser holds, writes only to memory', async () => {
    // A fresh module: the mode is chosen once per page.
    vi.resetModules();
    const written: string[] = [];
    const real = new Map([['ci-dashboard.connection', '{"host":"https://g.example","token":"t"}']]);
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => real.get(k) ?? null,
      setItem: (k: string) => void written.push(k),
      removeItem: (k: string) => void written.push(k),
    });
    vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: (k: string) => void written.push(k), removeItem: (k: string) => void written.push(k) });
    try {
      const storage = await import('./storage.ts');
      storage.keepStorageInMemory();
      const local = storage.browserStorage('local');
      expect(local.getItem('ci-dashboard.connection')).toContain('g.example');
      local.setItem('ci-dashboard.settings', '{}');
      local.removeItem('ci-dashboard.connection');
      expect(local.getItem('ci-dashboard.settings')).toBe('{}');
      expect(local.getItem('ci-dashboard.connection')).toBeNull();
      // Another store of the same page sees the same memory.
      expect(storage.browserStorage('local').getItem('ci-dashboard.settings')).toBe('{}');
      expect(storage.storageIsPersistent()).toBe(false);
      expect(written).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('falls back to memory where storage throws, and says it is not kept', async () => {
    vi.resetModules();
    const throwing = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: throwing, setItem: throwing, removeItem: throwing });
    try {
      const storage = await import('./storage.ts');
      const local = storage.browserStorage('local');
      local.setItem('k', 'v');
      expect(local.getItem('k')).toBe('v');
      expect(storage.storageIsPersistent()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
