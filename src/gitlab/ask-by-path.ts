/**
 * A page's first requests, sent by the project's path while the project's id is still being
 * looked up. A first load of `/acme/app/-/pipelines/5` must ask GitLab for the project before it
 * knows the id that every query key of the page uses; GitLab takes the path wherever it takes
 * the id (`:id` is "the ID or URL-encoded path of the project"), so the page's own requests need
 * not wait for that answer. They go out at once, outside the cache, and each answer is then
 * adopted by the query of the same options under the id's key: one request and one cache entry
 * per query, the same entry every later read and poll uses (by id).
 */
import type { QueryClient, QueryFunction, QueryFunctionContext, QueryKey } from '@tanstack/react-query';
import type { ProjectRef } from './transport.ts';

/** The parts of a queryOptions factory's result that asking by path needs. */
export interface AskableQuery<T, K extends QueryKey = QueryKey> {
  queryKey: K;
  queryFn?: QueryFunction<T, K> | symbol | undefined;
}

/** Asks now for the query `optionsFor` gives for the project's path, to be adopted under its id. */
export type AskByPath = <T, K extends QueryKey>(optionsFor: (project: ProjectRef) => AskableQuery<T, K>) => void;

export interface EarlyRequests {
  ask: AskByPath;
  /**
   * The project's id is known: each answer (or request still on its way) goes into the cache
   * under the id's key, as `prefetchQuery` of the id's options would put it. An early request
   * that failed is asked again by id, with the query's own retries.
   */
  adopt(projectId: number): void;
  /** The project could not be looked up: the requests still on their way are cancelled. */
  abandon(): void;
}

interface Asked {
  controller: AbortController;
  /** Puts the answer under the id's key. */
  adopt(projectId: number): void;
}

/**
 * Starts a set of early requests for the project at `projectPath`. `signal` is the navigation's:
 * leaving the page before the id is known cancels them.
 */
export function askByPath(client: QueryClient, projectPath: string, signal?: AbortSignal): EarlyRequests {
  let asked: Asked[] | null = [];
  const abandon = () => {
    for (const { controller } of asked ?? []) controller.abort();
    asked = null;
    signal?.removeEventListener('abort', abandon);
  };
  signal?.addEventListener('abort', abandon, { once: true });

  const ask: AskByPath = <T, K extends QueryKey>(optionsFor: (project: ProjectRef) => AskableQuery<T, K>) => {
    if (!asked) {
      if (signal?.aborted) return; // the page was left: nothing to ask for
      throw new Error('askByPath: asked after the requests were adopted or abandoned');
    }
    const byPath = optionsFor(projectPath);
    const queryFn = byPath.queryFn;
    if (typeof queryFn !== 'function') return; // skipToken: nothing to ask
    const controller = new AbortController();
    const context: QueryFunctionContext<typeof byPath.queryKey> = { client, queryKey: byPath.queryKey, signal: controller.signal, meta: undefined };
    const answer = Promise.resolve().then(() => queryFn(context));
    answer.catch(() => undefined); // handled: adopt() asks again by id
    const adopt = (projectId: number) => {
      const byId = optionsFor(projectId);
      const queryFnById = byId.queryFn;
      if (typeof queryFnById !== 'function') {
      controller.abort();
      return;
    }
      let first = true;
      void client
        .prefetchQuery({
          ...byId,
          queryFn: (byIdContext: QueryFunctionContext<K>) => {
            if (!first) return queryFnById(byIdContext);
            first = false;
            // A cancelled query (the page left) cancels the request it adopted.
            byIdContext.signal.addEventListener('abort', () => controller.abort(byIdContext.signal.reason), { once: true });
            return answer.catch(() => queryFnById(byIdContext));
          },
        })
        .catch(() => undefined); // the page reads the query's error
    };
    asked.push({ controller, adopt });
  };

  return {
    ask,
    adopt(projectId) {
      const adopting = asked ?? [];
      asked = null;
      signal?.removeEventListener('abort', abandon);
      for (const early of adopting) early.adopt(projectId);
    },
    abandon,
  };
}
