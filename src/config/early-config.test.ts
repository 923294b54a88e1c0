import { describe, expect, it } from 'vitest';
import { EARLY_CONFIG_KEY as LOADER_KEY, startConfigRequest } from '../../scripts/runtime-base/loader.js';
import { EARLY_CONFIG_KEY, takeEarlyConfigRequest } from './early-config.ts';
import { loadConfig } from './load-config.ts';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

/** A window as the loader sees it, whose fetch the test records. */
function fakeWindow() {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const win = {
    location: { origin: 'https://tools.example' },
    fetch: (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(json({ gitlab: { url: 'https://gitlab.example' } }));
    },
  };
  return { win, calls };
}

describe('config.json asked for by the loader', () => {
  it('is the loader’s own window property', () => {
    expect(EARLY_CONFIG_KEY).toBe(LOADER_KEY);
  });

  it('the loader asks beside the build, as the app would (never from the cache), and the app takes that answer instead of asking again', async () => {
    const { win, calls } = fakeWindow();
    startConfigRequest(win as unknown as Window & typeof globalThis, '/portal/ci/');
    expect(calls).toEqual([{ url: 'https://tools.example/portal/ci/config.json', init: { cache: 'no-cache', credentials: 'same-origin' } }]);

    const asked: string[] = [];
    const fetch = takeEarlyConfigRequest(win, async (url) => {
      asked.push(url);
      return json({});
    });
    const config = await loadConfig('https://tools.example/portal/ci/', { fetch });
    expect(config.gitlab.url).toBe('https://gitlab.example');
    expect(asked).toEqual([]);
    // Taken once: a second load asks again.
    await loadConfig('https://tools.example/portal/ci/', { fetch });
    expect(asked).toEqual(['https://tools.example/portal/ci/config.json']);
    expect(EARLY_CONFIG_KEY in win).toBe(false);
  });

  it('a failed early request is the app’s failure to report', async () => {
    const win = { location: { origin: 'https://tools.example' }, fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    startConfigRequest(win as unknown as Window & typeof globalThis, '/');
    const fetch = takeEarlyConfigRequest(win, () => Promise.reject(new Error('not asked again')));
    await expect(loadConfig('https://tools.example/', { fetch })).rejects.toMatchObject({ problems: ['Could not load it: Failed to fetch.'] });
  });

  it('without the loader (the dev server) or for another address, the app asks itself', async () => {
    const asked: string[] = [];
    const fallback = async (url: string) => {
      asked.push(url);
      return json({});
    };
    await loadConfig('https://tools.example/', { fetch: takeEarlyConfigRequest({}, fallback) });
    const { win } = fakeWindow();
    startConfigRequest(win as unknown as Window & typeof globalThis, '/ci/');
    await loadConfig('https://tools.example/other/', { fetch: takeEarlyConfigRequest(win, fallback) });
    expect(asked).toEqual(['https://tools.example/config.json', 'https://tools.example/other/config.json']);
  });
});
