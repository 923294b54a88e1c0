/**
 * Which job actions are in flight, per job, read from the MutationCache through one listener
 * per QueryClient. A job list mounts and unmounts rows every frame while scrolling; a row asks
 * "is an action on job N running anywhere on the page?" with a map look-up and a listener on
 * that one job, instead of a MutationObserver or a cache-wide predicate of its own.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { MutationCache, MutationCacheNotifyEvent, QueryClient } from '@tanstack/react-query';
import { gitlabKeys, type Connection } from '../../gitlab/index.ts';
import type { JobActionName } from './model/availability.ts';

const JOB_ACTIONS: ReadonlySet<string> = new Set<JobActionName>(['cancel', 'retry', 'erase', 'play', 'keep-artifacts', 'delete-artifacts']);

/**
 * The bulk bar's mutation key: its variables are `{ action, targets }`, and every target counts
 * as busy with that action until the whole batch (and its refetch) is done. Next to
 * `gitlabKeys.jobAction` (`[..host, 'action', 'job', name]`) under the same `'action'` branch.
 */
export function bulkJobActionKey(conn: Pick<Connection, 'host'>) {
  return [...gitlabKeys.host(conn), 'action', 'bulk'] as const;
}

type Listener = () => void;
type CachedMutation = ReturnType<MutationCache['getAll']>[number];

interface Entry {
  host: string;
  jobIds: readonly number[];
  action: JobActionName;
}

/** The host, jobs and action of a pending job-action mutation; undefined for anything else. */
function describe(mutation: CachedMutation): Entry | undefined {
  if (mutation.state.status !== 'pending') return undefined;
  const key = mutation.options.mutationKey;
  if (!key || key[0] !== 'gitlab' || key[2] !== 'action') return undefined;
  const host = key[1];
  if (typeof host !== 'string') return undefined;
  const vars: unknown = mutation.state.variables;
  if (typeof vars !== 'object' || vars === null) return undefined;
  if (key[3] === 'job') {
    const action = key[4];
    const jobId = (vars as { jobId?: unknown }).jobId;
    if (typeof action !== 'string' || !JOB_ACTIONS.has(action) || typeof jobId !== 'number') return undefined;
    return { host, jobIds: [jobId], action: action as JobActionName };
  }
  if (key[3] === 'bulk') {
    const { action, targets } = vars as { action?: unknown; targets?: unknown };
    if ((action !== 'retry' && action !== 'cancel') || !Array.isArray(targets)) return undefined;
    const jobIds = targets.map((t: unknown) => (typeof t === 'object' && t !== null ? (t as { id?: unknown }).id : undefined)).filter((id): id is number => typeof id === 'number');
    return { host, jobIds, action };
  }
  return undefined;
}

export class JobActionIndex {
  /** Pending job-action mutations and what they cover. */
  readonly #entries = new Map<CachedMutation, Entry>();
  /** host → job id → the entries on that job, oldest first. */
  readonly #byJob = new Map<string, Map<number, Entry[]>>();
  /** host → job id → the components showing that job. */
  readonly #listeners = new Map<string, Map<number, Set<Listener>>>();

  constructor(client: QueryClient) {
    const cache = client.getMutationCache();
    for (const mutation of cache.getAll()) this.#sync(mutation, false);
    // Never unsubscribed: it lives exactly as long as the client (the WeakMap below), and is the only cache listener however many rows mount.
    cache.subscribe((event: MutationCacheNotifyEvent) => {
      if (!event.mutation) return;
      if (event.type === 'added' || event.type === 'updated' || event.type === 'removed') this.#sync(event.mutation, event.type === 'removed');
    });
  }

  /** The action in flight on the job (the oldest when several are), or null. A primitive, so unrelated changes do not re-render. */
  get(host: string, jobId: number): JobActionName | null {
    return this.#byJob.get(host)?.get(jobId)?.[0]?.action ?? null;
  }

  /** How many jobs have a component listening (what is left after every row unmounted should be 0). */
  get watchedJobs(): number {
    let n = 0;
    for (const byHost of this.#listeners.values()) n += byHost.size;
    return n;
  }

  subscribe(host: string, jobId: number, listener: Listener): () => void {
    let byHost = this.#listeners.get(host);
    if (!byHost) {
      byHost = new Map();
      this.#listeners.set(host, byHost);
    }
    let set = byHost.get(jobId);
    if (!set) {
      set = new Set();
      byHost.set(jobId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      // Rows for 10,000 jobs come and go: keep only the jobs someone is looking at.
      if (set.size === 0 && byHost.get(jobId) === set) {
        byHost.delete(jobId);
        if (byHost.size === 0 && this.#listeners.get(host) === byHost) this.#listeners.delete(host);
      }
    };
  }

  #sync(mutation: CachedMutation, removed: boolean): void {
    const next = removed ? undefined : describe(mutation);
    const prev = this.#entries.get(mutation);
    if (!prev && !next) return;
    // 'failed' and 'pause' updates of a pending mutation change nothing here.
    if (prev && next && prev.action === next.action && prev.host === next.host && sameIds(prev.jobIds, next.jobIds)) return;
    const touched: { host: string; jobId: number; before: JobActionName | null }[] = [];
    for (const entry of [prev, next]) {
      if (!entry) continue;
      for (const jobId of entry.jobIds) touched.push({ host: entry.host, jobId, before: this.get(entry.host, jobId) });
    }
    if (prev) {
      this.#entries.delete(mutation);
      this.#unindex(prev);
    }
    if (next) {
      this.#entries.set(mutation, next);
      this.#index(next);
    }
    for (const { host, jobId, before } of touched) {
      if (this.get(host, jobId) === before) continue;
      const set = this.#listeners.get(host)?.get(jobId);
      if (set) for (const listener of [...set]) listener();
    }
  }

  #index(entry: Entry): void {
    let byHost = this.#byJob.get(entry.host);
    if (!byHost) {
      byHost = new Map();
      this.#byJob.set(entry.host, byHost);
    }
    for (const jobId of entry.jobIds) {
      const list = byHost.get(jobId);
      if (list) list.push(entry);
      else byHost.set(jobId, [entry]);
    }
  }

  #unindex(entry: Entry): void {
    const byHost = this.#byJob.get(entry.host);
    if (!byHost) return;
    for (const jobId of entry.jobIds) {
      const list = byHost.get(jobId)?.filter((e) => e !== entry);
      if (list && list.length > 0) byHost.set(jobId, list);
      else byHost.delete(jobId);
    }
    if (byHost.size === 0) this.#byJob.delete(entry.host);
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

const indexes = new WeakMap<QueryClient, JobActionIndex>();

/** The client's index, made (and subscribed to its MutationCache) on first use. */
export function jobActionIndexFor(client: QueryClient): JobActionIndex {
  let index = indexes.get(client);
  if (!index) {
    index = new JobActionIndex(client);
    indexes.set(client, index);
  }
  return index;
}

/** The action in flight on this job anywhere on the page (`host` as in `gitlabKeys.host(conn)[1]`), or null. */
export function useJobActionInFlight(client: QueryClient, host: string, jobId: number): JobActionName | null {
  const index = jobActionIndexFor(client);
  const subscribe = useCallback((listener: Listener) => index.subscribe(host, jobId, listener), [index, host, jobId]);
  const snapshot = () => index.get(host, jobId);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
