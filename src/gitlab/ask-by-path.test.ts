import { QueryClient, queryOptions } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { askByPath } from './ask-by-path.ts';
import { gitlabKeys } from './query-keys.ts';
import type { ProjectRef } from './transport.ts';

const HOST = 'https://gitlab.example';

interface Call {
  project: ProjectRef;
  signal: AbortSignal;
  resolve(value: string): void;
  reject(error: unknown): void;
}

/** A pipeline query whose requests the test answers by hand (no timers). */
function fakePipelineQuery() {
  const calls: Call[] = [];
  const optionsFor = (project: ProjectRef) =>
    queryOptions({
      queryKey: gitlabKeys.pipeline(HOST, project, 5),
      queryFn: ({ signal }) =>
        new Promise<string>((resolve, reject) => {
          calls.push({ project, signal, resolve, reject });
        }),
    });
  return { calls, optionsFor };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function client(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 10_000 } } });
}

describe('askByPath', () => {
  it('asks by the path at once and puts the answer under the id’s key, with no second request', async () => {
    const queryClient = client();
    const { calls, optionsFor } = fakePipelineQuery();
    const early = askByPath(queryClient, 'acme/app');
    early.ask(optionsFor);
    await flush();
    expect(calls.map((c) => c.project)).toEqual(['acme/app']);

    early.adopt(7);
    // The page's own read of the id's query while the answer is on its way: the same request.
    const read = queryClient.ensureQueryData(optionsFor(7));
    calls[0]?.resolve('pipeline 5');
    await expect(read).resolves.toBe('pipeline 5');
    expect(calls).toHaveLength(1);
    expect(queryClient.getQueryData(optionsFor(7).queryKey)).toBe('pipeline 5');
    // One cache entry: nothing is kept under the path.
    expect(queryClient.getQueryCache().findAll({ queryKey: gitlabKeys.project(HOST, 'acme/app') })).toEqual([]);
  });

  it('adopts an answer that came before the id', async () => {
    const queryClient = client();
    const { calls, optionsFor } = fakePipelineQuery();
    const early = askByPath(queryClient, 'acme/app');
    early.ask(optionsFor);
    await flush();
    calls[0]?.resolve('early');
    await flush();
    early.adopt(7);
    await expect(queryClient.ensureQueryData(optionsFor(7))).resolves.toBe('early');
    expect(calls).toHaveLength(1);
  });

  it('asks again by id when the early request failed, and uses the id from then on', async () => {
    const queryClient = client();
    const { calls, optionsFor } = fakePipelineQuery();
    const early = askByPath(queryClient, 'acme/app');
    early.ask(optionsFor);
    await flush();
    calls[0]?.reject(new Error('proxy refused the path'));
    early.adopt(7);
    await flush();
    expect(calls.map((c) => c.project)).toEqual(['acme/app', 7]);
    calls[1]?.resolve('by id');
    await expect(queryClient.ensureQueryData(optionsFor(7))).resolves.toBe('by id');

    void queryClient.refetchQueries({ queryKey: optionsFor(7).queryKey });
    await flush();
    expect(calls.map((c) => c.project)).toEqual(['acme/app', 7, 7]);
  });

  it('cancels the requests when the project is not found, or when the page is left', async () => {
    const queryClient = client();
    const { calls, optionsFor } = fakePipelineQuery();
    const notFound = askByPath(queryClient, 'acme/gone');
    notFound.ask(optionsFor);
    const navigation = new AbortController();
    const left = askByPath(queryClient, 'acme/app', navigation.signal);
    left.ask(optionsFor);
    await flush();
    expect(calls.map((c) => c.signal.aborted)).toEqual([false, false]);

    notFound.abandon();
    navigation.abort();
    expect(calls.map((c) => c.signal.aborted)).toEqual([true, true]);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('leaves an id’s query that the cache already holds as it is', async () => {
    const queryClient = client();
    const { calls, optionsFor } = fakePipelineQuery();
    queryClient.setQueryData(optionsFor(7).queryKey, 'cached');
    const early = askByPath(queryClient, 'acme/app');
    early.ask(optionsFor);
    await flush();
    early.adopt(7);
    calls[0]?.resolve('early');
    await flush();
    expect(queryClient.getQueryData(optionsFor(7).queryKey)).toBe('cached');
  });
});
