import { describe, expect, it } from 'vitest';
import { ConfigError, configUrl, loadConfig } from './load-config.ts';

const serve = (body: string, init: ResponseInit = { status: 200 }) => {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (input: string) => {
      urls.push(input);
      return new Response(body, init);
    },
  };
};

async function problemsOf(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('finds config.json beside the document under any base path', async () => {
    expect(configUrl('https://tools.example/ci/dashboard/')).toBe('https://tools.example/ci/dashboard/config.json');
    expect(configUrl('https://tools.example/ci/dashboard/index.html')).toBe('https://tools.example/ci/dashboard/config.json');
    const s = serve('{"readOnly":true}');
    const config = await loadConfig('https://tools.example/ci/', { fetch: s.fetch });
    expect(config.readOnly).toBe(true);
    expect(s.urls).toEqual(['https://tools.example/ci/config.json']);
  });

  it('says where it looked when the file is missing', async () => {
    const e = await problemsOf(loadConfig('https://x.example/a/', { fetch: serve('nope', { status: 404, statusText: 'Not Found' }).fetch }));
    expect(e.url).toBe('https://x.example/a/config.json');
    expect(e.problems[0]).toMatch(/404/);
  });

  it('recognises an SPA fallback page and broken JSON', async () => {
    expect((await problemsOf(loadConfig('https://x.example/', { fetch: serve('<!doctype html><html></html>').fetch }))).problems[0]).toMatch(/HTML page/);
    expect((await problemsOf(loadConfig('https://x.example/', { fetch: serve('{"readOnly": tru').fetch }))).problems[0]).toMatch(/not valid JSON/);
  });

  it('lists validation problems', async () => {
    const e = await problemsOf(loadConfig('https://x.example/', { fetch: serve('{"theme":"neon","refresh":{"activeMs":1}}').fetch }));
    expect(e.problems).toHaveLength(2);
  });

  it('reports a network failure', async () => {
    const e = await problemsOf(loadConfig('https://x.example/', { fetch: () => Promise.reject(new TypeError('Failed to fetch')) }));
    expect(e.problems[0]).toMatch(/Could not load it: Failed to fetch/);
  });
});
