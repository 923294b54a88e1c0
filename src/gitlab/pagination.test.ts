import { describe, expect, it } from 'vitest';
import { GitLabError } from './errors.ts';
import { cursorFromString, cursorToString, fetchAllPages, fetchPage, parseLinkHeader, readPageInfo } from './pagination.ts';
import type { FetchLike } from './transport.ts';
import { JobSchema } from './types.ts';

describe('parseLinkHeader', () => {
  it('reads GitLab’s offset Link header', () => {
    const h =
      '<https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=1&per_page=3>; rel="prev", ' +
      '<https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=3&per_page=3>; rel="next", ' +
      '<https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=1&per_page=3>; rel="first"';
    expect(parseLinkHeader(h)).toEqual({
      prev: 'https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=1&per_page=3',
      next: 'https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=3&per_page=3',
      first: 'https://g.example/api/v4/projects/1/pipelines/6/jobs?id=1&page=1&per_page=3',
    });
  });

  it('reads a keyset link, unquoted rels, several rels, commas in URLs', () => {
    expect(parseLinkHeader('<https://g.example/api/v4/projects/1/jobs?cursor=eyJpZCI6IjQyIn0%3D&pagination=keyset&per_page=100>; rel=next')).toEqual({
      next: 'https://g.example/api/v4/projects/1/jobs?cursor=eyJpZCI6IjQyIn0%3D&pagination=keyset&per_page=100',
    });
    expect(parseLinkHeader('<https://x/a?b=1,2>; rel="next last"; title="a, b"')).toEqual({ next: 'https://x/a?b=1,2', last: 'https://x/a?b=1,2' });
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('garbage')).toEqual({});
  });
});

describe('readPageInfo', () => {
  it('offset without totals (the jobs list)', () => {
    const h = new Headers({ 'x-page': '2', 'x-per-page': '20', 'x-next-page': '3', 'x-prev-page': '1' });
    expect(readPageInfo(h, 20, { mode: 'offset', page: 2, perPage: 20 })).toEqual({
      mode: 'offset', page: 2, perPage: 20, next: { mode: 'offset', page: 3 }, prev: { mode: 'offset', page: 1 },
    });
  });

  it('offset with totals, last page (empty X-Next-Page)', () => {
    const h = new Headers({ 'x-page': '5', 'x-per-page': '20', 'x-next-page': '', 'x-prev-page': '4', 'x-total': '95', 'x-total-pages': '5' });
    const info = readPageInfo(h, 15, { mode: 'offset', page: 5, perPage: 20 });
    expect(info.next).toBeNull();
    expect(info.total).toBe(95);
    expect(info.totalPages).toBe(5);
  });

  it('keyset: the next page is only the Link', () => {
    const h = new Headers({ link: '<https://internal:8080/api/v4/projects/3/jobs?cursor=abc&pagination=keyset&per_page=100&order_by=id&sort=desc>; rel="next"' });
    expect(readPageInfo(h, 100, { mode: 'keyset', perPage: 100 })).toMatchObject({
      mode: 'keyset',
      next: { mode: 'keyset', query: 'cursor=abc&pagination=keyset&per_page=100&order_by=id&sort=desc' },
    });
    expect(readPageInfo(new Headers(), 3, { mode: 'keyset', perPage: 100 }).next).toBeNull();
  });

  it('keyset asked but ignored by an old host: follows offset headers', () => {
    const h = new Headers({ 'x-page': '1', 'x-next-page': '2', 'x-per-page': '100' });
    expect(readPageInfo(h, 100, { mode: 'keyset', perPage: 100 })).toMatchObject({ mode: 'offset', next: { mode: 'offset', page: 2 } });
  });
});

describe('cursor strings for the address bar', () => {
  it('round-trips', () => {
    for (const c of [{ mode: 'offset', page: 7 }, { mode: 'keyset', query: 'cursor=a%3D&per_page=100' }] as const) {
      expect(cursorFromString(cursorToString(c))).toEqual(c);
    }
    expect(cursorFromString('k:per_page=1')).toBeNull();
    expect(cursorFromString('-1')).toBeNull();
    expect(cursorFromString(null)).toBeNull();
  });
});

function jobs(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ id: from - i, name: `job ${from - i}`, status: 'success' }));
}

describe('fetchPage / fetchAllPages with a scripted host', () => {
  it('falls back from keyset to offset when the host refuses keyset (405)', async () => {
    const urls: string[] = [];
    const fetchImpl: FetchLike = async (input) => {
      const url = String(input);
      urls.push(url);
      if (url.includes('pagination=keyset')) {
        return new Response(JSON.stringify({ error: 'Keyset pagination is not supported' }), { status: 405, headers: { 'content-type': 'application/json' } });
      }
      return new Response(JSON.stringify(jobs(10, 2)), { status: 200, headers: { 'content-type': 'application/json', 'x-page': '1', 'x-next-page': '' } });
    };
    const page = await fetchPage({ host: 'https://g.example', fetch: fetchImpl }, '/projects/1/jobs', { item: JobSchema, pagination: 'keyset', perPage: 100 });
    expect(page.mode).toBe('offset');
    expect(page.items).toHaveLength(2);
    expect(urls[1]).toContain('page=1');
  });

  it('rebuilds a keyset Link against the connection host (the token never leaves it)', async () => {
    const seen: string[] = [];
    const fetchImpl: FetchLike = async (input) => {
      const url = String(input);
      seen.push(url);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (!url.includes('cursor=')) headers.link = '<http://evil.example/api/v4/projects/1/jobs?cursor=c2&pagination=keyset&per_page=2&order_by=id&sort=desc>; rel="next"';
      return new Response(JSON.stringify(url.includes('cursor=') ? jobs(8, 1) : jobs(10, 2)), { status: 200, headers });
    };
    const all = await fetchAllPages({ host: 'https://example.com/gitlab', token: 't', fetch: fetchImpl }, '/projects/1/jobs', { item: JobSchema, pagination: 'keyset', perPage: 2 });
    expect(all.items.map((j) => j.id)).toEqual([10, 9, 8]);
    expect(seen[1]).toBe('https://example.com/gitlab/api/v4/projects/1/jobs?cursor=c2&pagination=keyset&per_page=2&order_by=id&sort=desc');
  });

  it('stops at the page cap and says so; stops on a next that loops', async () => {
    const fetchImpl: FetchLike = async (input) => {
      const page = Number(new URL(String(input)).searchParams.get('page'));
      return new Response(JSON.stringify(jobs(1000 - page * 10, 10)), { status: 200, headers: { 'content-type': 'application/json', 'x-next-page': String(page + 1) } });
    };
    const capped = await fetchAllPages({ host: 'https://g.example', fetch: fetchImpl }, '/p', { item: JobSchema, perPage: 10, maxPages: 3 });
    expect(capped).toMatchObject({ truncated: true, pages: 3 });
    expect(capped.items).toHaveLength(30);

    const looping: FetchLike = async () =>
      new Response(JSON.stringify(jobs(5, 1)), { status: 200, headers: { 'content-type': 'application/json', 'x-next-page': '2' } });
    const looped = await fetchAllPages({ host: 'https://g.example', fetch: looping }, '/p', { item: JobSchema, perPage: 1 });
    expect(looped.pages).toBe(2);
  });
});

/** A host whose list has `total` jobs in pages of `perPage`; every answer waits until released. */
function heldHost(total: number, perPage: number, opts: { totals: boolean; failPage?: number }) {
  const asked: number[] = [];
  const waiting: Array<{ page: number; release: () => void }> = [];
  const aborted: number[] = [];
  const fetchImpl: FetchLike = (input, init) => {
    const page = Number(new URL(String(input)).searchParams.get('page'));
    asked.push(page);
    return new Promise((resolve, reject) => {
      let answered = false;
      init?.signal?.addEventListener('abort', () => {
        if (answered) return;
        aborted.push(page);
        reject(new DOMException('aborted', 'AbortError'));
      });
      waiting.push({
        page,
        release: () => {
          answered = true;
          if (page === opts.failPage) {
            resolve(new Response(JSON.stringify({ message: '500 Internal Server Error' }), { status: 500, headers: { 'content-type': 'application/json' } }));
            return;
          }
          const start = (page - 1) * perPage;
          const count = Math.max(0, Math.min(perPage, total - start));
          const pages = Math.ceil(total / perPage);
          const headers: Record<string, string> = { 'content-type': 'application/json', 'x-page': String(page), 'x-per-page': String(perPage), 'x-next-page': page < pages ? String(page + 1) : '' };
          if (opts.totals) Object.assign(headers, { 'x-total': String(total), 'x-total-pages': String(pages) });
          resolve(new Response(JSON.stringify(jobs(total - start, count)), { status: 200, headers }));
        },
      });
    });
  };
  /** Answers every request asked so far, newest first (out of order on purpose). */
  const releaseAll = () => {
    const now = waiting.splice(0);
    for (const w of now.reverse()) w.release();
  };
  const release = (page: number) => {
    const at = waiting.findIndex((w) => w.page === page);
    waiting.splice(at, 1)[0]?.release();
  };
  return { fetchImpl, asked, aborted, release, releaseAll, waitingPages: () => waiting.map((w) => w.page) };
}

/** Lets every settled promise run its callbacks. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fetchAllPages with concurrency (offset lists)', () => {
  it('asks for every page at once when GitLab sends X-Total-Pages, and keeps the pages in order', async () => {
    const host = heldHost(95, 10, { totals: true });
    const all = fetchAllPages({ host: 'https://g.example', fetch: host.fetchImpl }, '/p', { item: JobSchema, perPage: 10, concurrency: 3 });
    await flush();
    expect(host.asked).toEqual([1]);
    host.releaseAll();
    await flush();
    // Pages 2–10 are all in flight before any of them has answered.
    expect(host.waitingPages().sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    host.releaseAll();
    const result = await all;
    expect(result.items.map((j) => j.id)).toEqual(jobs(95, 95).map((j) => j.id));
    expect(result).toMatchObject({ pages: 10, truncated: false, total: 95 });
  });

  it('without totals keeps at most `concurrency` pages in flight and drops pages past the end', async () => {
    const host = heldHost(45, 10, { totals: false });
    const all = fetchAllPages({ host: 'https://g.example', fetch: host.fetchImpl }, '/p', { item: JobSchema, perPage: 10, concurrency: 3 });
    await flush();
    host.releaseAll();
    await flush();
    expect(host.waitingPages().sort()).toEqual([2, 3, 4]);
    host.releaseAll();
    await flush();
    // Page 4 said there is a page 5, and nothing said where the end is; the window moves on.
    expect(host.waitingPages().sort()).toEqual([5, 6, 7]);
    host.releaseAll();
    const result = await all;
    expect(result.items.map((j) => j.id)).toEqual(jobs(45, 45).map((j) => j.id));
    expect(result).toMatchObject({ pages: 5, truncated: false });
  });

  it('stops at the page cap and says so', async () => {
    const host = heldHost(200, 10, { totals: true });
    const all = fetchAllPages({ host: 'https://g.example', fetch: host.fetchImpl }, '/p', { item: JobSchema, perPage: 10, maxPages: 4, concurrency: 8 });
    await flush();
    host.releaseAll();
    await flush();
    expect(host.waitingPages().sort()).toEqual([2, 3, 4]);
    host.releaseAll();
    const result = await all;
    expect(result).toMatchObject({ pages: 4, truncated: true });
    expect(result.items).toHaveLength(40);
  });

  it('throws the first failure and aborts the pages still in flight', async () => {
    const host = heldHost(95, 10, { totals: true, failPage: 3 });
    const all = fetchAllPages({ host: 'https://g.example', fetch: host.fetchImpl }, '/p', { item: JobSchema, perPage: 10, concurrency: 4 });
    const settled = all.then(
      () => null,
      (e: unknown) => e,
    );
    await flush();
    host.releaseAll();
    await flush();
    // Page 3 answers first, with a 500: the pages still in flight are aborted.
    host.release(3);
    const error = await settled;
    expect(error).toBeInstanceOf(GitLabError);
    expect(host.aborted.sort((a, b) => a - b)).toEqual([2, 4, 5, 6, 7, 8, 9, 10]);
    expect((error as GitLabError).status).toBe(500);
  });
});
