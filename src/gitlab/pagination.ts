/**
 * GitLab's two paginations (FACTS.md): offset (`page`, `per_page`, `X-Next-Page`, `Link`) and
 * keyset (`pagination=keyset`, the next page only as a `Link: <…cursor=…>; rel="next"`).
 * Totals are optional: the jobs list never sends them.
 */
import type * as z from 'zod/mini';
import { CREDENTIAL_QUERY_KEYS, GitLabError } from './errors.ts';
import { apiBase, gitlabRequest, requestUrl, parseWith } from './transport.ts';
import type { Connection, GitLabResponse, Query } from './transport.ts';

/** Where the next (or previous) page is. A keyset cursor keeps the query of GitLab's Link as given. */
export type PageCursor = { mode: 'offset'; page: number } | { mode: 'keyset'; query: string };

export interface Page<T> {
  items: T[];
  next: PageCursor | null;
  prev?: PageCursor | null;
  /** Which pagination GitLab actually used for this page. */
  mode: 'offset' | 'keyset';
  /** The offset page number, when known. */
  page?: number;
  perPage?: number;
  /** Only when GitLab sent it (never for the jobs list, nor over 10,000 rows). */
  total?: number;
  totalPages?: number;
}

// ---------------------------------------------------------------------------------------------
// Link header

/** Parses an RFC 8288 `Link` header into `{ rel: url }` (the first URL of each rel wins). */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  let i = 0;
  while (i < header.length) {
    const open = header.indexOf('<', i);
    if (open < 0) break;
    const close = header.indexOf('>', open + 1);
    if (close < 0) break;
    const url = header.slice(open + 1, close).trim();
    // Parameters run up to the next comma that is not inside quotes.
    let j = close + 1;
    let inQuotes = false;
    while (j < header.length) {
      const ch = header[j];
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === ',' && !inQuotes) break;
      j += 1;
    }
    const params = header.slice(close + 1, j);
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const r of rels) {
      const key = r.toLowerCase();
      if (!(key in out)) out[key] = url;
    }
    i = j + 1;
  }
  return out;
}

/**
 * The query of a Link URL, if the link is a GitLab API URL. The host part is ignored on
 * purpose: the request is always rebuilt against the connection's own host, so a Link that
 * names another host (a proxy's internal name) never receives the token.
 */
export function linkQuery(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link, 'http://placeholder.invalid');
  } catch {
    return null;
  }
  if (!/\/api\/v4\//.test(url.pathname)) return null;
  return url.search.replace(/^\?/, '');
}

/** A keyset query as given, minus anything credential-like. */
function safeKeysetQuery(query: string): string {
  const params = new URLSearchParams(query);
  if (!CREDENTIAL_QUERY_KEYS.some((k) => params.has(k))) return query;
  for (const k of CREDENTIAL_QUERY_KEYS) params.delete(k);
  return params.toString();
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function cursorFromLink(link: string | undefined): PageCursor | null {
  if (!link) return null;
  const query = linkQuery(link);
  if (query === null) return null;
  const params = new URLSearchParams(query);
  if (params.has('cursor')) return { mode: 'keyset', query: safeKeysetQuery(query) };
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 0) return { mode: 'offset', page };
  return null;
}

/** Reads the next/prev cursors and totals of a list response. */
export function readPageInfo(
  headers: Headers,
  itemCount: number,
  requested: { mode: 'offset' | 'keyset'; page?: number; perPage?: number },
): Omit<Page<never>, 'items'> {
  const links = parseLinkHeader(headers.get('link'));
  const xPage = intHeader(headers, 'x-page');
  const xNext = intHeader(headers, 'x-next-page');
  const xPrev = intHeader(headers, 'x-prev-page');
  const linkNext = cursorFromLink(links.next);
  // Offset headers mean GitLab paginated by offset, even if we asked for keyset (older GitLab
  // ignores `pagination=keyset`).
  const offsetHeaders = headers.has('x-page') || headers.has('x-next-page');
  const mode: 'offset' | 'keyset' = linkNext?.mode === 'keyset' ? 'keyset' : offsetHeaders ? 'offset' : requested.mode;

  let next: PageCursor | null = null;
  if (linkNext?.mode === 'keyset') next = linkNext;
  else if (xNext !== undefined) next = { mode: 'offset', page: xNext };
  else if (linkNext) next = linkNext;
  else if (mode === 'offset' && !headers.has('x-next-page') && !headers.has('link') && requested.perPage !== undefined && itemCount >= requested.perPage) {
    // No pagination headers at all (a proxy dropped them): a full page suggests there is more.
    next = { mode: 'offset', page: (requested.page ?? 1) + 1 };
  }

  const prev: PageCursor | null = xPrev !== undefined ? { mode: 'offset', page: xPrev } : cursorFromLink(links.prev);

  const info: Omit<Page<never>, 'items'> = { next, prev, mode };
  const page = xPage ?? (mode === 'offset' ? requested.page ?? 1 : undefined);
  if (page !== undefined) info.page = page;
  const perPage = intHeader(headers, 'x-per-page') ?? requested.perPage;
  if (perPage !== undefined) info.perPage = perPage;
  const total = intHeader(headers, 'x-total');
  if (total !== undefined) info.total = total;
  const totalPages = intHeader(headers, 'x-total-pages');
  if (totalPages !== undefined) info.totalPages = totalPages;
  return info;
}

// ---------------------------------------------------------------------------------------------
// Cursors in the address bar

/** A cursor as a short string for the URL (`3` for an offset page, `k:<query>` for keyset). */
export function cursorToString(cursor: PageCursor): string {
  return cursor.mode === 'offset' ? String(cursor.page) : `k:${cursor.query}`;
}

export function cursorFromString(text: string | null | undefined): PageCursor | null {
  if (!text) return null;
  if (text.startsWith('k:')) {
    const query = text.slice(2);
    return new URLSearchParams(query).has('cursor') ? { mode: 'keyset', query } : null;
  }
  const page = Number(text);
  return Number.isInteger(page) && page > 0 ? { mode: 'offset', page } : null;
}

// ---------------------------------------------------------------------------------------------
// Fetching pages

export interface FetchPageOptions<T> {
  /** The schema of one item. */
  item: z.core.$ZodType<T>;
  /** Filters (scope, ref…). Not needed when following a keyset cursor: its query is complete. */
  query?: Query;
  /** Default 20 (GitLab's default); GitLab's maximum is 100. */
  perPage?: number;
  /** Null or absent: the first page. */
  cursor?: PageCursor | null;
  /** Which pagination to ask for on the first page; `keyset` falls back to offset by itself. */
  pagination?: 'offset' | 'keyset';
  signal?: AbortSignal;
}

function parseItems<T>(response: GitLabResponse<unknown>, item: z.core.$ZodType<T>): T[] {
  if (!Array.isArray(response.data)) {
    throw new GitLabError({ kind: 'invalid-response', url: response.url, detail: 'expected a list' });
  }
  return response.data.map((raw, index) => {
    try {
      return parseWith(item, raw, { url: response.url });
    } catch (e) {
      if (e instanceof GitLabError) {
        throw new GitLabError({ kind: 'invalid-response', url: response.url, detail: `item ${index}: ${e.detail ?? ''}` });
      }
      throw e;
    }
  });
}

/** GitLab refuses keyset where it does not support it (405, or 400 on old versions). */
function keysetRefused(e: unknown): boolean {
  return e instanceof GitLabError && (e.status === 400 || e.status === 405 || e.status === 422);
}

/**
 * Fetches one page of a list. With `pagination: 'keyset'` the first page asks for
 * `pagination=keyset&order_by=id&sort=desc`; a host that refuses it (4xx/405) is asked again
 * by offset, and a host that ignores it (answers with offset headers) is followed by offset.
 */
export async function fetchPage<T>(conn: Connection, path: string, options: FetchPageOptions<T>): Promise<Page<T>> {
  const perPage = Math.min(Math.max(options.perPage ?? 20, 1), 100);
  const { cursor, signal, item } = options;

  if (cursor?.mode === 'keyset') {
    // GitLab's Link query is used as given; only the host and path are ours.
    const url = `${apiBase(conn)}${path.startsWith('/') ? path : `/${path}`}?${safeKeysetQuery(cursor.query)}`;
    const response = await requestUrl(conn, url, { signal });
    const items = parseItems(response, item);
    return { items, ...readPageInfo(response.headers, items.length, { mode: 'keyset', perPage }) };
  }

  const offset = async (page: number): Promise<Page<T>> => {
    const response = await gitlabRequest(conn, path, { query: { ...options.query, page, per_page: perPage }, signal });
    const items = parseItems(response, item);
    return { items, ...readPageInfo(response.headers, items.length, { mode: 'offset', page, perPage }) };
  };

  if (cursor?.mode === 'offset') return offset(cursor.page);
  if ((options.pagination ?? 'offset') === 'offset') return offset(1);

  let response: GitLabResponse<unknown>;
  try {
    response = await gitlabRequest(conn, path, {
      query: { ...options.query, pagination: 'keyset', per_page: perPage, order_by: 'id', sort: 'desc' },
      signal,
    });
  } catch (e) {
    if (keysetRefused(e)) return offset(1);
    throw e;
  }
  const items = parseItems(response, item);
  return { items, ...readPageInfo(response.headers, items.length, { mode: 'keyset', page: 1, perPage }) };
}

export interface FetchAllPagesOptions<T> extends Omit<FetchPageOptions<T>, 'cursor'> {
  /** Stop after this many pages (default 50). */
  maxPages?: number;
  /** Stop once this many items are in (default: no limit besides maxPages). */
  maxItems?: number;
  /**
   * Offset lists only (keyset cursors come one at a time): after the first page, ask for the
   * rest at once. With `X-Total-Pages` every remaining page (up to maxPages) is asked for at
   * once; without it, at most this many are in flight, asked for ahead of knowing whether they
   * exist (a page past the end is an empty list). Default 1: one page after another.
   */
  concurrency?: number;
}

export interface AllPages<T> {
  items: T[];
  /** True when a cap stopped us before the last page. */
  truncated: boolean;
  pages: number;
  total?: number;
}

/** Follows `next` until the last page, a cap, or an abort (which throws an `aborted` GitLabError). */
export async function fetchAllPages<T>(conn: Connection, path: string, options: FetchAllPagesOptions<T>): Promise<AllPages<T>> {
  const maxPages = options.maxPages ?? 50;
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  let cursor: PageCursor | null = null;
  let pages = 0;
  let total: number | undefined;
  const seen = new Set<string>();
  for (;;) {
    if (options.signal?.aborted) {
      throw new GitLabError({ kind: 'aborted', url: `${apiBase(conn)}${path}` });
    }
    const page: Page<T> = await fetchPage(conn, path, { ...options, perPage: options.perPage ?? 100, cursor });
    pages += 1;
    total ??= page.total;
    if (pages === 1 && (options.concurrency ?? 1) > 1 && page.mode === 'offset' && page.next?.mode === 'offset' && page.items.length > 0) {
      return fetchRestAtOnce(conn, path, options, page, { maxPages, maxItems });
    }
    items.push(...page.items);
    const next = page.next;
    if (!next || page.items.length === 0) return { items, truncated: false, pages, ...(total === undefined ? {} : { total }) };
    const key = cursorToString(next);
    // A broken host that points "next" at a page we already read must not loop forever.
    if (seen.has(key)) return { items, truncated: false, pages, ...(total === undefined ? {} : { total }) };
    seen.add(key);
    if (pages >= maxPages || items.length >= maxItems) {
      return { items: items.slice(0, maxItems), truncated: true, pages, ...(total === undefined ? {} : { total }) };
    }
    cursor = next;
  }
}

/**
 * The pages after the first of an offset list, asked for at once (see `concurrency`): every one
 * of them when the first page said how many there are, else a window of `concurrency` pages
 * ahead of the last one known to exist. Items keep the pages' order; the first failure aborts
 * the requests still in flight and is thrown.
 */
async function fetchRestAtOnce<T>(
  conn: Connection,
  path: string,
  options: FetchAllPagesOptions<T>,
  first: Page<T>,
  caps: { maxPages: number; maxItems: number },
): Promise<AllPages<T>> {
  const perPage = first.perPage ?? options.perPage ?? 100;
  const firstNumber = first.page ?? 1;
  const known = first.totalPages;
  const inFlightCap = known !== undefined ? Number.POSITIVE_INFINITY : Math.max(1, options.concurrency ?? 1);
  const lastAllowed = firstNumber + caps.maxPages - 1;
  const controller = new AbortController();
  const abortAll = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abortAll, { once: true });
  const got = new Map<number, Page<T>>([[firstNumber, first]]);
  // The last page, once a page has said so (no next, or empty).
  let last = known !== undefined ? Math.min(known, lastAllowed) : Number.POSITIVE_INFINITY;
  let asked = firstNumber;
  const running = new Map<number, Promise<void>>();
  let failure: { error: unknown } | null = null;
  const ask = (n: number) => {
    const work = fetchPage(conn, path, { ...options, perPage, cursor: { mode: 'offset', page: n }, signal: controller.signal })
      .then((page) => {
        got.set(n, page);
        if (!page.next || page.items.length === 0) last = Math.min(last, page.items.length === 0 ? n - 1 : n);
      })
      .catch((error: unknown) => {
        if (!failure) failure = { error };
        abortAll();
      })
      .finally(() => running.delete(n));
    running.set(n, work);
  };
  try {
    for (;;) {
      while (!failure && running.size < inFlightCap && asked < Math.min(last, lastAllowed)) ask(++asked);
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    options.signal?.removeEventListener('abort', abortAll);
  }
  if (failure) {
    if (options.signal?.aborted) throw new GitLabError({ kind: 'aborted', url: `${apiBase(conn)}${path}` });
    throw (failure as { error: unknown }).error;
  }
  const items: T[] = [];
  let pages = 0;
  const end = Math.min(last, lastAllowed);
  for (let n = firstNumber; n <= end; n++) {
    const page = got.get(n);
    if (!page) break;
    pages += 1;
    items.push(...page.items);
  }
  // More exists beyond the page cap: the last allowed page points further.
  const truncated = (end === lastAllowed && got.get(end)?.next != null) || items.length > caps.maxItems;
  const total = first.total;
  return { items: items.slice(0, caps.maxItems), truncated, pages, ...(total === undefined ? {} : { total }) };
}
