// GitLab's pagination (FACTS.md "Pagination"): offset with X-* headers and Link, totals only
// when counted and at most 10,000 rows, keyset by cursor on the jobs list.
import { invalidParam, methodNotAllowed } from './errors.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_COUNTED = 10_000;
export const MAX_OFFSET = 50_000;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw invalidParam(`${name} is invalid`);
  return Number.parseInt(raw, 10);
}

export function pageParams(url: URL): { page: number; perPage: number } {
  const page = Math.max(1, intParam(url, 'page', 1));
  let perPage = intParam(url, 'per_page', DEFAULT_PER_PAGE);
  if (perPage < 1) perPage = DEFAULT_PER_PAGE;
  return { page, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

function withParams(url: URL, set: Record<string, string>, drop: string[] = []): string {
  const u = new URL(url.toString());
  for (const name of drop) u.searchParams.delete(name);
  for (const [k, v] of Object.entries(set)) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * Offset pagination. `count` false means GitLab's `without_count`: no X-Total, no
 * X-Total-Pages, no rel="last" (the jobs list); otherwise totals up to MAX_COUNTED rows.
 */
export function offsetPage<T>(url: URL, all: readonly T[], opts: { count: boolean }): Page<T> {
  const { page, perPage } = pageParams(url);
  const start = (page - 1) * perPage;
  const items = all.slice(start, start + perPage);
  const hasNext = all.length > start + perPage;
  const counted = opts.count && all.length <= MAX_COUNTED;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {
    'X-Page': String(page),
    'X-Per-Page': String(perPage),
    'X-Next-Page': hasNext ? String(page + 1) : '',
    'X-Prev-Page': page > 1 ? String(page - 1) : '',
  };
  if (counted) {
    headers['X-Total'] = String(all.length);
    headers['X-Total-Pages'] = String(totalPages);
  }
  const links: string[] = [];
  const base = { per_page: String(perPage) };
  if (page > 1) links.push(`<${withParams(url, { ...base, page: String(page - 1) })}>; rel="prev"`);
  if (hasNext) links.push(`<${withParams(url, { ...base, page: String(page + 1) })}>; rel="next"`);
  links.push(`<${withParams(url, { ...base, page: '1' })}>; rel="first"`);
  if (counted) links.push(`<${withParams(url, { ...base, page: String(totalPages) })}>; rel="last"`);
  headers.Link = links.join(', ');
  return { items, headers };
}

/** The jobs list refuses offsets beyond 50,000 rows, as GitLab does for Ci::Build. */
export function checkOffsetLimit(url: URL, klass: string): void {
  const { page, perPage } = pageParams(url);
  // GitLab checks the end of the page asked for: page × per_page beyond the cap is refused.
  if (page * perPage > MAX_OFFSET) {
    throw methodNotAllowed(
      `Offset pagination has a maximum allowed offset of ${MAX_OFFSET} for requests that return objects of type ${klass}. Remaining records can be retrieved using keyset pagination.`,
    );
  }
}

export function isKeyset(url: URL): boolean {
  return url.searchParams.get('pagination') === 'keyset';
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id: String(id), _kd: 'n' })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed) {
      const id = Number((parsed as { id: unknown }).id);
      if (Number.isInteger(id)) return id;
    }
  } catch {
    // fall through
  }
  throw invalidParam('cursor is invalid');
}

/**
 * Keyset pagination over items sorted by id descending: order_by=id and sort=desc only
 * (anything else is 405); the next page is only the Link rel="next", absent on the last page.
 */
export function keysetPage<T extends { id: number }>(url: URL, allDesc: readonly T[]): Page<T> {
  const orderBy = url.searchParams.get('order_by');
  const sort = url.searchParams.get('sort');
  if ((orderBy !== null && orderBy !== 'id') || (sort !== null && sort !== 'desc')) {
    throw methodNotAllowed('Keyset pagination is not yet available for this type of request');
  }
  const { perPage } = pageParams(url);
  const cursor = url.searchParams.get('cursor');
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    start = allDesc.findIndex((item) => item.id < after);
    if (start < 0) start = allDesc.length;
  }
  const items = allDesc.slice(start, start + perPage);
  const headers: Record<string, string> = { 'X-Per-Page': String(perPage) };
  const last = items[items.length - 1];
  if (last && allDesc.length > start + perPage) {
    const next = withParams(url, { cursor: encodeCursor(last.id), pagination: 'keyset', per_page: String(perPage) }, ['page']);
    headers.Link = `<${next}>; rel="next"`;
  }
  return { items, headers };
}
