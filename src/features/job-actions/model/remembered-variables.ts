/**
 * The variables last used to run a job, offered again the next time a job of that name is
 * run (per host, project and job name) — docs/decisions/0010-remembered-play-variables.md.
 * Masked rows keep their key but never their value: masking says "this is a secret".
 */
import * as z from 'zod/mini';
import { browserStorage, type KeyValueStorage } from '../../../config/index.ts';
import { hostKey } from '../../../gitlab/index.ts';
import type { VariableRow } from './variables.ts';

export const REMEMBERED_VARIABLES_STORAGE_KEY = 'ci-dashboard:play-variables';
/** Oldest entries go first beyond this many job names. */
export const REMEMBERED_VARIABLES_CAP = 50;

export interface RememberedVariable {
  key: string;
  /** Absent for masked rows. */
  value?: string;
  masked: boolean;
}

interface Entry {
  id: string;
  variables: RememberedVariable[];
  usedAt: number;
}

function entryId(host: string, project: string | number, jobName: string): string {
  return JSON.stringify([hostKey(host), String(project).toLowerCase(), jobName]);
}

/**
 * What may be stored, checked like the network boundary: a bad entry (or a variable without a
 * key) is null and dropped, the rest is kept; a variable's bad value or flag is dropped alone.
 */
const StoredVariableSchema = z.catch(z.nullable(z.object({ key: z.string(), value: z.catch(z.optional(z.string()), undefined), masked: z.catch(z.boolean(), false) })), null);
const StoredEntrySchema = z.catch(z.nullable(z.object({ id: z.string(), usedAt: z.number(), variables: z.array(StoredVariableSchema) })), null);
const StoredSchema = z.catch(z.array(StoredEntrySchema), []);

function readAll(storage: KeyValueStorage): Entry[] {
  const text = storage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY);
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const entries: Entry[] = [];
  for (const e of StoredSchema.parse(data)) {
    if (!e) continue;
    const variables = e.variables.flatMap((v): RememberedVariable[] => (v ? [v.value === undefined ? { key: v.key, masked: v.masked } : { key: v.key, value: v.value, masked: v.masked }] : []));
    entries.push({ id: e.id, usedAt: e.usedAt, variables });
  }
  return entries;
}

export interface RememberedVariablesStore {
  get(host: string, project: string | number, jobName: string): RememberedVariable[] | null;
  /** Saves filled rows (masked values left out); saving nothing forgets the job name. */
  save(host: string, project: string | number, jobName: string, rows: readonly Pick<VariableRow, 'key' | 'value' | 'masked'>[]): void;
  forget(host: string, project: string | number, jobName: string): void;
}

export function createRememberedVariablesStore(storage: KeyValueStorage = browserStorage('local'), now: () => number = Date.now): RememberedVariablesStore {
  const write = (entries: Entry[]) => {
    if (entries.length === 0) storage.removeItem(REMEMBERED_VARIABLES_STORAGE_KEY);
    else storage.setItem(REMEMBERED_VARIABLES_STORAGE_KEY, JSON.stringify(entries));
  };
  const store: RememberedVariablesStore = {
    get(host, project, jobName) {
      const id = entryId(host, project, jobName);
      return readAll(storage).find((e) => e.id === id)?.variables ?? null;
    },
    save(host, project, jobName, rows) {
      const variables: RememberedVariable[] = rows
        .filter((r) => r.key.trim() !== '')
        .map((r) => (r.masked ? { key: r.key.trim(), masked: true } : { key: r.key.trim(), value: r.value, masked: false }));
      if (variables.length === 0) {
        store.forget(host, project, jobName);
        return;
      }
      const id = entryId(host, project, jobName);
      const others = readAll(storage).filter((e) => e.id !== id);
      const entries = [{ id, variables, usedAt: now() }, ...others].slice(0, REMEMBERED_VARIABLES_CAP);
      write(entries);
    },
    forget(host, project, jobName) {
      const id = entryId(host, project, jobName);
      const all = readAll(storage);
      const rest = all.filter((e) => e.id !== id);
      if (rest.length !== all.length) write(rest);
    },
  };
  return store;
}
