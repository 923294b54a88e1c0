import { useSyncExternalStore } from 'react';

/**
 * A module fetched the first time something asks for it, then kept: the Radix-based popups
 * (decision 0025) load when a tooltip, menu, popover, select or dialog is first wanted, not with
 * the page. `get()` is null until it has arrived; components follow it with `useLazyModule`.
 */
export interface LazyModule<M> {
  get(): M | null;
  load(): Promise<M>;
  subscribe(listener: () => void): () => void;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => loaded,
    load() {
      loading ??= importer().then(
        (m) => {
          loaded = m;
          for (const listener of [...listeners]) listener();
          return m;
        },
        (e: unknown) => {
          loading = null; // a failed fetch (offline) may be tried again at the next use
          throw e;
        },
      );
      return loading;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The module once it has arrived (re-renders then), else null. */
export function useLazyModule<M>(module: LazyModule<M>): M | null {
  return useSyncExternalStore(module.subscribe, module.get, module.get);
}
