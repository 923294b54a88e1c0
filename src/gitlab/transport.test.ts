import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { GitLabError } from './errors.ts';
import { buildUrl, classifyFetchFailure, encodeQuery, gitlabRequest, normalizeHost, projectSegment } from './transport.ts';
import type { Connection, FetchLike } from './transport.ts';
import { JobSchema } from './types.ts';

interface Seen {
  url: string;
  init: RequestInit | undefined;
}

function recorder(respond: (url: string, init?: RequestInit) => Response | Promise<Response>): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      seen.push({ url, init });
      return respond(url, init);
    },
  };
}

const ok = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

describe('normalizeHost', () => {
  it.each([
    ['https://gitlab.example.com/', 'https://gitlab.example.com'],
    ['  https://gitlab.example.com/api/v4  ', 'https://gitlab.example.com'],
    ['https://gitlab.example.com/api/v4/projects/1/jobs?x=1', 'https://gitlab.example.com'],
    ['https://example.com/gitlab/', 'https://example.com/gitlab'],
    ['https://example.com/gitlab/api/v4/', 'https://example.com/gitlab'],
    ['gitlab.example.com', 'https://gitlab.example.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['https://user:secret@gitlab.example.com#x', 'https://gitlab.example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input, undefined)).toBe(expected);
  });

  it('resolves a same-origin proxy path against the document', () => {
    expect(normalizeHost('/gitlab/', 'https://dash.example.com/ci/index.html')).toBe('https://dash.example.com/gitlab');
  });

  it('refuses what is not an http(s) address', () => {
    expect(() => normalizeHost('', undefined)).toThrow(TypeError);
    expect(() => normalizeHost('ftp://x.example', undefined)).toThrow(TypeError);
    expect(() => normalizeHost('/gitlab', undefined)).toThrow(TypeError);
  });
});

describe('URLs', () => {
  it('encodes arrays the GitLab way and skips empty values', () => {
    expect(encodeQuery({ 'scope': ['pending', 'running'], per_page: 100, ref: undefined, x: null, flag: true })).toBe(
      'scope[]=pending&scope[]=running&per_page=100&flag=true',
    );
  });

  it('refuses a token in the query', () => {
    expect(() => encodeQuery({ private_token: 'glpat-x' })).toThrow(/never goes into a URL/);
  });

  it('addresses projects by id or encoded path', () => {
    expect(projectSegment(1)).toBe('1');
    expect(projectSegment('42')).toBe('42');
    expect(projectSegment('group/sub/project')).toBe('group%2Fsub%2Fproject');
    expect(buildUrl({ host: 'https://example.com/gitlab/' }, `/projects/${projectSegment('a/b')}/jobs`, { scope: ['failed'] })).toBe(
      'https://example.com/gitlab/api/v4/projects/a%2Fb/jobs?scope[]=failed',
    );
  });
});

describe('gitlabRequest', () => {
  it('sends the token in PRIVATE-TOKEN only, with no cookies', async () => {
    const r = recorder(() => ok({ id: 1, name: 'rspec', status: 'success' }));
    const conn: Connection = { host: 'https://gitlab.example.com', token: 'glpat-secret', fetch: r.fetch };
    const res = await gitlabRequest(conn, '/projects/1/jobs/1', { schema: JobSchema });
    expect(res.data.name).toBe('rspec');
    const { url, init } = r.seen[0]!;
    expect(url).not.toContain('glpat-secret');
    expect(init?.credentials).toBe('omit');
    const headers = new Headers(init?.headers);
    expect(headers.get('PRIVATE-TOKEN')).toBe('glpat-secret');
    expect(headers.get('Authorization')).toBeNull();
  });

  it('never follows a redirect with PRIVATE-TOKEN: asks again with a Bearer credential, which browsers drop when the redirect leaves the origin', async () => {
    const r = recorder((_url, init) =>
      init?.redirect === 'manual'
        ? new Response(null, { status: 302, headers: { location: 'https://storage.example.net/a.zip' } })
        : new Response('zip bytes', { status: 200 }),
    );
    const conn: Connection = { host: 'https://gitlab.example.com', token: 'glpat-secret', fetch: r.fetch };
    const res = await gitlabRequest(conn, '/projects/1/jobs/1/artifacts', { responseType: 'text' });
    expect(res.data).toBe('zip bytes');
    expect(r.seen).toHaveLength(2);
    const [first, second] = r.seen;
    expect(first?.init?.redirect).toBe('manual');
    expect(new Headers(first?.init?.headers).get('PRIVATE-TOKEN')).toBe('glpat-secret');
    expect(second?.init?.redirect).toBe('follow');
    expect(new Headers(second?.init?.headers).get('PRIVATE-TOKEN')).toBeNull();
    expect(new Headers(second?.init?.headers).get('Authorization')).toBe('Bearer glpat-secret');
    expect(second?.url).toBe(first?.url);
  });

  it('asks nothing more with a token GitLab refused as expired, until the token changes', async () => {
    const expired = () =>
      new Response(JSON.stringify({ error: 'invalid_token', error_description: 'Token has expired.' }), {
        status: 401,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="", error="invalid_token", error_description="Token has expired."' },
      });
    const r = recorder((_url, init) => (new Headers(init?.headers).get('PRIVATE-TOKEN') === 'glpat-old-expired' ? expired() : ok({ id: 1, name: 'x', status: 'success' })));
    const old: Connection = { host: 'https://gitlab.example.com', token: 'glpat-old-expired', fetch: r.fetch };
    await expect(gitlabRequest(old, '/projects/1/jobs/1')).rejects.toMatchObject({ kind: 'token-expired' });
    await expect(gitlabRequest(old, '/projects/1/jobs/2')).rejects.toMatchObject({ kind: 'token-expired' });
    expect(r.seen).toHaveLength(1);
    await gitlabRequest({ ...old, token: 'glpat-new' }, '/projects/1/jobs/1');
    expect(r.seen).toHaveLength(2);
  });

  it('reads a 429 Retry-After when the answer lets the browser read it', async () => {
    const r = recorder(() => new Response('Retry later', { status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '42' } }));
    await expect(gitlabRequest({ host: 'https://g.example', token: 't', fetch: r.fetch }, '/x')).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 42_000 });
    const hidden = recorder(() => new Response('Retry later', { status: 429, headers: { 'content-type': 'text/plain' } }));
    await expect(gitlabRequest({ host: 'https://g.example', token: 't', fetch: hidden.fetch }, '/x')).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: undefined });
  });

  it('sends a JSON body', async () => {
    const r = recorder(() => ok({ id: 1, name: 'deploy', status: 'pending' }));
    await gitlabRequest({ host: 'https://g.example', token: 't', fetch: r.fetch }, '/projects/1/jobs/1/play', {
      method: 'POST',
      body: { job_variables_attributes: [{ key: 'A', value: '1' }] },
      schema: JobSchema,
    });
    const init = r.seen[0]!.init!;
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ job_variables_attributes: [{ key: 'A', value: '1' }] });
  });

  it('keeps fields GitLab omits optional and tolerates unknown fields, nulls and statuses', async () => {
    const old = { id: 7, name: 'teaspoon', status: 'started', runner: null, commit: { id: 'abc', parent_ids: null }, user: null, new_field: { x: 1 }, coverage: 'n/a' };
    const r = recorder(() => ok(old));
    const { data } = await gitlabRequest({ host: 'https://g.example', fetch: r.fetch }, '/x', { schema: JobSchema });
    expect(data).toMatchObject({ id: 7, name: 'teaspoon', status: 'started', runner: null, user: null });
    expect(data.commit?.parent_ids).toBeNull();
    expect(data.coverage).toBe('n/a');
    expect('new_field' in data).toBe(false);
  });

  it('a wrong shape is an invalid-response error, not a crash', async () => {
    const r = recorder(() => ok({ name: 'no id' }));
    const e = await gitlabRequest({ host: 'https://g.example', fetch: r.fetch }, '/x', { schema: JobSchema }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GitLabError);
    expect((e as GitLabError).kind).toBe('invalid-response');
    expect((e as GitLabError).detail).toMatch(/id/);
  });

  it('an HTML page with 200 is not GitLab', async () => {
    const r = recorder(() => new Response('<!doctype html><title>App</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const e = await gitlabRequest({ host: 'https://g.example', fetch: r.fetch }, '/version', { schema: z.object({ version: z.string() }) }).catch((x: unknown) => x);
    expect((e as GitLabError).kind).toBe('not-gitlab');
  });

  it('204 gives undefined data', async () => {
    const r = recorder(() => new Response(null, { status: 204 }));
    const res = await gitlabRequest({ host: 'https://g.example', token: 't', fetch: r.fetch }, '/projects/1/jobs/1/artifacts', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
  });

  it('an abort before or during the request is kind aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = recorder(() => ok({}));
    const e1 = await gitlabRequest({ host: 'https://g.example', fetch: r.fetch }, '/x', { signal: controller.signal }).catch((x: unknown) => x);
    expect((e1 as GitLabError).kind).toBe('aborted');
    expect(r.seen).toHaveLength(0);

    const c2 = new AbortController();
    const slow: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    const pending = gitlabRequest({ host: 'https://g.example', fetch: slow }, '/x', { signal: c2.signal }).catch((x: unknown) => x);
    c2.abort();
    const e2 = await pending;
    expect((e2 as GitLabError).kind).toBe('aborted');
    expect((e2 as GitLabError).retryable).toBe(false);
  });
});

describe('what never reaches the network', () => {
  it('a pasted token with a line break is named as such, not mistaken for CORS', async () => {
    const r = recorder(() => ok({}));
    const e = await gitlabRequest({ host: 'https://g.example', token: 'glpat-abc\ndef', fetch: r.fetch }, '/user').catch((x: unknown) => x);
    expect((e as GitLabError).kind).toBe('unauthorized');
    expect((e as GitLabError).detail).toMatch(/line breaks/);
    expect(r.seen).toHaveLength(0);
  });

  it('surrounding whitespace of a token is trimmed', async () => {
    const r = recorder(() => ok({}));
    await gitlabRequest({ host: 'https://g.example', token: '  glpat-abc \n', fetch: r.fetch }, '/user');
    expect(new Headers(r.seen[0]?.init?.headers).get('PRIVATE-TOKEN')).toBe('glpat-abc');
  });

  it('an unusable address is a network error that says why', async () => {
    const e = await gitlabRequest({ host: 'ftp://g.example', fetch: recorder(() => ok({})).fetch }, '/user').catch((x: unknown) => x);
    expect((e as GitLabError).kind).toBe('network');
    expect((e as GitLabError).detail).toMatch(/Only http and https/);
  });
});

describe('classifyFetchFailure', () => {
  it('cors when a no-cors probe gets an (opaque) answer', async () => {
    const probes: RequestInit[] = [];
    const fetchImpl: FetchLike = async (_input, init) => {
      probes.push(init ?? {});
      return new Response(null, { status: 200 });
    };
    expect(await classifyFetchFailure('https://g.example/api/v4/user', fetchImpl)).toBe('cors');
    expect(probes[0]).toMatchObject({ mode: 'no-cors', credentials: 'omit' });
    expect(new Headers(probes[0]?.headers).get('PRIVATE-TOKEN')).toBeNull();
  });

  it('network when nothing answers, or the probe hangs', async () => {
    expect(await classifyFetchFailure('https://g.example/x', () => Promise.reject(new TypeError('Failed to fetch')))).toBe('network');
    const hang: FetchLike = (_i, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))));
    expect(await classifyFetchFailure('https://g.example/x', hang, { timeoutMs: 20 })).toBe('network');
  });

  it('is used by the transport after a TypeError', async () => {
    let calls = 0;
    const fetchImpl: FetchLike = async (_input, init) => {
      calls += 1;
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    };
    const e = await gitlabRequest({ host: 'https://g.example', token: 't', fetch: fetchImpl }, '/user').catch((x: unknown) => x);
    expect((e as GitLabError).kind).toBe('cors');
    expect(calls).toBe(2);
  });
});
