/** The projects a person opened lately, per GitLab host, newest first, capped (localStorage). */
import * as z from 'zod/mini';
import { tryNormalizeHost } from '../gitlab/index.ts';
import { browserStorage, createListeners, readJson, watchOtherTabs, writeJson } from './storage.ts';
import type { KeyValueStorage } from './storage.ts';

export const RECENT_PROJECTS_STORAGE_KEY = 'ci-dashboard.recent-projects';
export const RECENT_PROJECTS_CAP = 10;

export interface RecentProject {
  /** Full path, e.g. "acme/platform/backend". */
  path: string;
  id?: number;
  name?: string;
}

export interface RecentProjectsStore {
  /** Newest first; the same array until it changes. */
  list(host: string): readonly RecentProject[];
  /** Moves the project to the front (a path or a project), dropping the oldest beyond the cap. */
  add(host: string, project: string | RecentProject): void;
  remove(host: string, path: string): void;
  clear(host?: string): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

type Stored = Record<string, RecentProject[]>;

/**
 * One stored entry, checked like the network boundary: a path (older versions stored only that)
 * or `{ path, id?, name? }`; a bad id or name is dropped alone, an entry without a path is null.
 */
const StoredEntrySchema = z.catch(
  z.nullable(
    z.union([
      z.pipe(
        z.string().check(z.minLength(1)),
        z.transform((path: string) => ({ path })),
      ),
      z.object({ path: z.string().check(z.minLength(1)), id: z.catch(z.optional(z.int()), undefined), name: z.catch(z.optional(z.string()), undefined) }),
    ]),
  ),
  null,
);
/** Host -> its entries; a host whose value is not a list is left out. */
const StoredSchema = z.catch(z.record(z.string(), z.catch(z.nullable(z.array(StoredEntrySchema)), null)), {});

function toEntry(value: unknown): RecentProject | null {
  const parsed = StoredEntrySchema.parse(value);
  if (!parsed) return null;
  const entry: RecentProject = { path: parsed.path };
  if ('id' in parsed && parsed.id !== undefined) entry.id = parsed.id;
  if ('name' in parsed && parsed.name !== undefined) entry.name = parsed.name;
  return entry;
}

function readAll(storage: KeyValueStorage): Stored {
  const out: Stored = {};
  for (const [host, list] of Object.entries(StoredSchema.parse(readJson(storage, RECENT_PROJECTS_STORAGE_KEY)))) {
    if (list) out[host] = list.map(toEntry).filter((e): e is RecentProject => e !== null);
  }
  return out;
}

export function createRecentProjectsStore(options: { storage?: KeyValueStorage; cap?: number } = {}): RecentProjectsStore {
  const storage = options.storage ?? browserStorage('local');
  const cap = options.cap ?? RECENT_PROJECTS_CAP;
  const listeners = createListeners();
  let all = readAll(storage);
  const empty: readonly RecentProject[] = [];
  const key = (host: string) => tryNormalizeHost(host) ?? host;
  // GitLab paths are case-insensitive; an id, when both have one, decides.
  const same = (a: RecentProject, b: RecentProject) =>
    a.id !== undefined && b.id !== undefined ? a.id === b.id : a.path.toLowerCase() === b.path.toLowerCase();
  const write = (next: Stored) => {
    all = next;
    writeJson(storage, RECENT_PROJECTS_STORAGE_KEY, next);
    listeners.notify();
  };
  const stop = watchOtherTabs([RECENT_PROJECTS_STORAGE_KEY], () => {
    all = readAll(storage);
    listeners.notify();
  });
  return {
    list: (host) => all[key(host)] ?? empty,
    add(host, project) {
      const entry = toEntry(typeof project === 'string' ? project.trim().replace(/^\/+|\/+$/g, '') : { ...project, path: project.path.trim().replace(/^\/+|\/+$/g, '') });
      if (!entry) return;
      const h = key(host);
      const current = all[h] ?? [];
      const first = current[0];
      if (first && same(first, entry) && first.path === entry.path && first.name === entry.name && first.id === entry.id) return;
      write({ ...all, [h]: [entry, ...current.filter((x) => !same(x, entry))].slice(0, cap) });
    },
    remove(host, path) {
      const h = key(host);
      write({ ...all, [h]: (all[h] ?? []).filter((x) => x.path.toLowerCase() !== path.toLowerCase()) });
    },
    clear(host) {
      if (host === undefined) write({});
      else {
        const next = { ...all };
        delete next[key(host)];
        write(next);
      }
    },
    subscribe: listeners.subscribe,
    dispose: stop,
  };
}
