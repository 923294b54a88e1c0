/**
 * Preferences a person saves in this browser (localStorage), layered over config.json and
 * under URL parameters. The GitLab address and token are not here: see connection-store.
 */
import * as z from 'zod/mini';
import { THEMES } from './schema.ts';
import type { Theme } from './schema.ts';
import { browserStorage, createListeners, readJson, watchOtherTabs, writeJson } from './storage.ts';
import type { KeyValueStorage } from './storage.ts';

export const SETTINGS_STORAGE_KEY = 'ci-dashboard.settings';

export interface UserSettings {
  theme?: Theme;
  /** The person's own project list, replacing config.json's defaultProjects. */
  projects?: string[];
  /** A person may choose read-only for themselves; they cannot lift a deployment's read-only. */
  readOnly?: boolean;
  refresh?: { activeMs?: number; idleMs?: number; wallMs?: number };
}

// Lenient on read: a bad field from an older version is dropped, not fatal.
const lenient = <T extends z.core.SomeType>(s: T) => z.catch(z.optional(s), undefined);
const interval = z.number().check(z.int(), z.gte(1000), z.lte(3_600_000));
const SettingsSchema = z.object({
  theme: lenient(z.enum(THEMES)),
  projects: lenient(z.array(z.string().check(z.minLength(1)))),
  readOnly: lenient(z.boolean()),
  refresh: lenient(z.object({ activeMs: lenient(interval), idleMs: lenient(interval), wallMs: lenient(interval) })),
});

function clean(settings: z.infer<typeof SettingsSchema>): UserSettings {
  const out: UserSettings = {};
  if (settings.theme) out.theme = settings.theme;
  if (settings.projects) out.projects = settings.projects;
  if (settings.readOnly !== undefined) out.readOnly = settings.readOnly;
  if (settings.refresh) {
    const r = Object.fromEntries(Object.entries(settings.refresh).filter(([, v]) => v !== undefined));
    if (Object.keys(r).length > 0) out.refresh = r;
  }
  return out;
}

export interface SettingsStore {
  getSnapshot(): UserSettings;
  subscribe(listener: () => void): () => void;
  /** Merges a change in; `undefined` values remove a setting. */
  update(change: Partial<UserSettings>): void;
  reset(): void;
  dispose(): void;
}

export function createSettingsStore(options: { storage?: KeyValueStorage } = {}): SettingsStore {
  const storage = options.storage ?? browserStorage('local');
  const listeners = createListeners();
  const read = (): UserSettings => {
    const parsed = SettingsSchema.safeParse(readJson(storage, SETTINGS_STORAGE_KEY) ?? {});
    return parsed.success ? clean(parsed.data) : {};
  };
  let snapshot = read();
  const refresh = () => {
    const next = read();
    if (JSON.stringify(next) === JSON.stringify(snapshot)) return;
    snapshot = next;
    listeners.notify();
  };
  const stop = watchOtherTabs([SETTINGS_STORAGE_KEY], refresh);
  return {
    getSnapshot: () => snapshot,
    subscribe: listeners.subscribe,
    update(change) {
      const merged: Record<string, unknown> = { ...snapshot };
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      const parsed = SettingsSchema.safeParse(merged);
      writeJson(storage, SETTINGS_STORAGE_KEY, parsed.success ? clean(parsed.data) : snapshot);
      refresh();
    },
    reset() {
      storage.removeItem(SETTINGS_STORAGE_KEY);
      refresh();
    },
    dispose: stop,
  };
}
