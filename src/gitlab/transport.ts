/**
 * The one HTTP transport of the app: base URL, auth header, abort, error normalisation and
 * response checking live here and nowhere else.
 */
import * as z from 'zod/mini';
import { CREDENTIAL_QUERY_KEYS, GitLabError, errorFromResponse, looksLikeHtml } from './errors.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Where and as whom to talk to GitLab. */
export interface Connection {
  /** The address people open GitLab with (a path prefix such as https://example.com/gitlab works). */
  host: string;
  /** Sent as `PRIVATE-TOKEN` (an OAuth token as `Authorization: Bearer`); never in a URL. */
  token?: string;
  /** `oauth`: a token from "Sign in with GitLab" (GitLab takes those only as Bearer). */
  tokenType?: 'personal' | 'oauth';
  /**
   * For an OAuth token: a fresh access token after GitLab refused `failed` with 401 (expired),
   * or null. One retry per request with what it returns.
   */
  renewToken?: (failed: string) => Promise<string | null>;
  /** The fetch to use; defaults to `globalThis.fetch` (read at call time). Tests inject the simulator here. */
  fetch?: FetchLike;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Readonly<Record<string, QueryValue>>;

export type ResponseType = 'json' | 'text' | 'blob' | 'response';

export interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Arrays become `key[]=a&key[]=b` as GitLab expects. */
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Range). Never a credential. */
  headers?: Readonly<Record<string, string>>;
}

export interface GitLabResponse<T> {
  data: T;
  headers: Headers;
  status: number;
  /** The URL that was requested (never holds a token). */
  url: string;
}

// ---------------------------------------------------------------------------------------------
// Hosts and URLs

function defaultBase(): string | undefined {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  return doc?.baseURI;
}

/**
 * Normalises what a person typed or pasted as the GitLab address: trims it, adds `https://`
 * when no scheme was given, resolves a relative path (`/gitlab`, a same-origin proxy) against
 * the document, and removes a pasted `/api/v4…`, query, hash and trailing slashes.
 * Throws a TypeError when it is not a usable http(s) address.
 */
export function normalizeHost(input: string, base: string | undefined = defaultBase()): string {
  let text = input.trim();
  if (!text) throw new TypeError('The GitLab address is empty.');
  const relative = text.startsWith('/') || text.startsWith('./') || text.startsWith('../');
  if (!relative && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = relative ? new URL(text, base) : new URL(text);
  } catch {
    throw new TypeError(`Not a valid address: ${input.trim()}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Only http and https addresses work: ${input.trim()}`);
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  let path = url.pathname;
  const api = path.search(/\/api\/v4(?:\/|$)/);
  if (api >= 0) path = path.slice(0, api);
  path = path.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** Like normalizeHost, but null instead of an exception. */
export function tryNormalizeHost(input: string | null | undefined, base?: string): string | null {
  if (!input) return null;
  try {
    return normalizeHost(input, base ?? defaultBase());
  } catch {
    return null;
  }
}

export function apiBase(conn: Pick<Connection, 'host'>): string {
  return `${normalizeHost(conn.host)}/api/v4`;
}

export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (CREDENTIAL_QUERY_KEYS.includes(key.toLowerCase())) {
      throw new TypeError(`A token never goes into a URL (query parameter "${key}").`);
    }
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[]) parts.push(`${encodeURIComponent(key)}[]=${encodeURIComponent(String(item))}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.join('&');
}

/** The full URL of an API path (`/projects/1/jobs`) with its query. */
export function buildUrl(conn: Pick<Connection, 'host'>, path: string, query?: Query): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  const q = encodeQuery(query);
  const joiner = p.includes('?') ? '&' : '?';
  return `${apiBase(conn)}${p}${q ? `${joiner}${q}` : ''}`;
}

/** A project addressed by numeric id or by its full path (`group/sub/project`). */
export type ProjectRef = number | string;

/** The path segment for a project: ids as they are, paths URL-encoded (`group%2Fproject`). */
export function projectSegment(project: ProjectRef): string {
  if (typeof project === 'number') return String(project);
  const trimmed = project.trim().replace(/^\/+|\/+$/g, '');
  return /^\d+$/.test(trimmed) ? trimmed : encodeURIComponent(trimmed);
}

// ---------------------------------------------------------------------------------------------
// CORS or unreachable

export type FetchFailureKind = 'cors' | 'network' | 'aborted';

/**
 * After fetch threw a TypeError, tells a host that answered without CORS headers (the browser
 * hides the answer) from one that did not answer at all: a `no-cors` request resolves with an
 * opaque response when anything answered, and rejects when nothing did.
 */
export async function classifyFetchFailure(
  url: string,
  fetchImpl: FetchLike,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<FetchFailureKind> {
  const { signal, timeoutMs = 5000 } = options;
  if (signal?.aborted) return 'aborted';
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // HEAD: the answer's body is of no use, and a log or an archive can be large.
    await fetchImpl(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: controller.signal });
    return 'cors';
  } catch {
    return signal?.aborted ? 'aborted' : 'network';
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && ((e as { name: unknown }).name === 'AbortError' || (e as { name: unknown }).name === 'TimeoutError');
}

function abortedError(url: string, method: string, cause?: unknown): GitLabError {
  return new GitLabError({ kind: 'aborted', url, method, cause });
}

// ---------------------------------------------------------------------------------------------
// Tokens known to be expired

// GitLab never revives an expired token: once it said so, asking again with it only adds load.
// Kept in memory for the page's life, like the token itself; never logged or stored.
const expiredTokens = new Set<string>();

/** Remembers that GitLab refused this token as expired: it is not sent again (see send()). */
export function markTokenExpired(token: string | undefined): void {
  const t = token?.trim();
  if (t) expiredTokens.add(t);
}

/** Whether GitLab already refused this token as expired (no request is made with it). */
export function isTokenKnownExpired(token: string | undefined): boolean {
  const t = token?.trim();
  return t ? expiredTokens.has(t) : false;
}

/** A redirect that fetch did not follow: an `opaqueredirect` in a browser, the 3xx itself elsewhere. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
}

async function send(conn: Connection, url: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const fetchImpl: FetchLike = conn.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { Accept: accept };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'private-token' || lower === 'authorization' || lower === 'job-token') continue;
    headers[name] = value;
  }
  const token = conn.token?.trim();
  if (token) {
    // A pasted token with a line break or a non-ASCII character would make fetch throw a
    // TypeError, which would then look like a CORS failure: say what is really wrong.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new GitLabError({ kind: 'unauthorized', url, method, detail: 'the token contains spaces, line breaks or characters a GitLab token never has' });
    }
    if (expiredTokens.has(token)) {
      throw new GitLabError({ kind: 'token-expired', url, method, detail: 'GitLab already refused this token as expired; it is not sent again' });
    }
    if (conn.tokenType === 'oauth') headers.Authorization = `Bearer ${token}`;
    else headers['PRIVATE-TOKEN'] = token;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.signal?.aborted) throw abortedError(url, method, options.signal.reason);
  // With a token, a redirect is not followed blindly (see below).
  const init: RequestInit = { method, headers, body, signal: options.signal, credentials: 'omit', mode: 'cors', redirect: token ? 'manual' : 'follow' };
  try {
    const response = await fetchImpl(url, init);
    if (!token || !isRedirect(response)) return response;
    // A redirect (an archive sent from object storage, a proxy): browsers forward custom headers
    // such as PRIVATE-TOKEN to wherever it points, but drop `Authorization` when it leaves the
    // origin (Fetch standard). So the same request goes again with the token as a Bearer
    // credential, which GitLab accepts too, and the browser follows the redirect without it.
    const bearer: Record<string, string> = { ...headers, Authorization: `Bearer ${token}` };
    delete bearer['PRIVATE-TOKEN'];
    return await fetchImpl(url, { ...init, headers: bearer, redirect: 'follow' });
  } catch (e) {
    if (options.signal?.aborted || isAbortError(e)) throw abortedError(url, method, e);
    if (e instanceof TypeError) {
      const kind = await classifyFetchFailure(url, fetchImpl, { signal: options.signal });
      if (kind === 'aborted') throw abortedError(url, method, e);
      throw new GitLabError({ kind, url, method, cause: e });
    }
    throw new GitLabError({ kind: 'network', url, method, cause: e });
  }
}

async function readBody<T>(url: string, method: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isAbortError(e)) throw abortedError(url, method, e);
    throw new GitLabError({ kind: 'network', url, method, cause: e, detail: 'the connection broke while reading the answer' });
  }
}

function summariseIssues(error: z.core.$ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the response';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';
  return `${parts.join('; ')}${more}`;
}

/** Checks data against a schema; a mismatch becomes an `invalid-response` GitLabError. */
export function parseWith<T>(schema: z.core.$ZodType<T>, data: unknown, request: { url: string; method?: string }): T {
  const result = z.safeParse(schema, data);
  if (result.success) return result.data;
  throw new GitLabError({ kind: 'invalid-response', url: request.url, method: request.method, detail: summariseIssues(result.error) });
}

interface JsonOptions<T> extends RequestOptions {
  responseType?: 'json';
  schema: z.core.$ZodType<T>;
}
interface UncheckedJsonOptions extends RequestOptions {
  responseType?: 'json';
  schema?: undefined;
}
interface TextOptions extends RequestOptions {
  responseType: 'text';
}
interface BlobOptions extends RequestOptions {
  responseType: 'blob';
}
interface RawOptions extends RequestOptions {
  responseType: 'response';
}

/**
 * Makes one request to the GitLab API. `path` is relative to `/api/v4`. Auth goes in the
 * `PRIVATE-TOKEN` header, cookies are never sent. Any failure throws a GitLabError.
 * `json` bodies are checked against `schema` (a 204 or empty body gives `undefined`);
 * `response` hands over the unread Response (for streaming), already checked for an error status.
 */
export function gitlabRequest<T>(conn: Connection, path: string, options: JsonOptions<T>): Promise<GitLabResponse<T>>;
export function gitlabRequest(conn: Connection, path: string, options?: UncheckedJsonOptions): Promise<GitLabResponse<unknown>>;
export function gitlabRequest(conn: Connection, path: string, options: TextOptions): Promise<GitLabResponse<string>>;
export function gitlabRequest(conn: Connection, path: string, options: BlobOptions): Promise<GitLabResponse<Blob>>;
export function gitlabRequest(conn: Connection, path: string, options: RawOptions): Promise<GitLabResponse<Response>>;
export async function gitlabRequest(
  conn: Connection,
  path: string,
  options: RequestOptions & { responseType?: ResponseType; schema?: z.core.$ZodType<unknown> } = {},
): Promise<GitLabResponse<unknown>> {
  try {
    apiBase(conn);
  } catch (e) {
    // An unusable address never reaches the network; it is reported like an unreachable host.
    throw new GitLabError({ kind: 'network', url: conn.host, method: options.method, detail: e instanceof Error ? e.message.replace(/\.$/, '') : String(e), cause: e });
  }
  return requestUrl(conn, buildUrl(conn, path, options.query), options);
}

/** The same as gitlabRequest, for a full URL already built against `apiBase(conn)` (a Link header). */
export async function requestUrl(
  conn: Connection,
  url: string,
  options: RequestOptions & { responseType?: ResponseType; schema?: z.core.$ZodType<unknown> } = {},
): Promise<GitLabResponse<unknown>> {
  const method = options.method ?? 'GET';
  const responseType = options.responseType ?? 'json';
  const accept = responseType === 'json' ? 'application/json' : '*/*';
  let response = await send(conn, url, options, accept);
  if (response.status === 401 && conn.tokenType === 'oauth' && conn.renewToken && conn.token) {
    // GitLab's OAuth tokens live two hours: an expired one is refreshed once, silently.
    const renewed = await conn.renewToken(conn.token).catch(() => null);
    if (renewed && renewed !== conn.token) response = await send({ ...conn, token: renewed }, url, options, accept);
  }
  if (!response.ok) {
    const error = await readBody(url, method, () => errorFromResponse(response, { url, method }));
    if (error.kind === 'token-expired') markTokenExpired(conn.token);
    throw error;
  }
  const base = { headers: response.headers, status: response.status, url };
  switch (responseType) {
    case 'response':
      return { ...base, data: response };
    case 'text':
      return { ...base, data: await readBody(url, method, () => response.text()) };
    case 'blob':
      return { ...base, data: await readBody(url, method, () => response.blob()) };
    case 'json': {
      const text = await readBody(url, method, () => response.text());
      const contentType = response.headers.get('content-type');
      if (response.status === 204 || text.trim() === '') {
        return { ...base, data: undefined };
      }
      if (looksLikeHtml(text, contentType)) {
        throw new GitLabError({ kind: 'not-gitlab', url, method, status: response.status, detail: 'an HTML page instead of JSON' });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new GitLabError({ kind: 'not-gitlab', url, method, status: response.status, detail: 'the answer is not JSON', cause: e });
      }
      const data = options.schema ? parseWith(options.schema, json, { url, method }) : json;
      return { ...base, data };
    }
  }
}
