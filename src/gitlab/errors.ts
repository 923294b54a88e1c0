/**
 * One error type for everything that can go wrong between the dashboard and a GitLab host.
 * The transport turns every failure (HTTP status, GitLab's four error-body shapes, network,
 * CORS, abort, a host that is not GitLab, a body of the wrong shape) into a GitLabError;
 * `describeError` turns any error into the words the UI shows.
 */

export type GitLabErrorKind =
  | 'network'
  | 'cors'
  | 'unauthorized'
  | 'token-expired'
  | 'insufficient-scope'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'conflict'
  | 'method-not-allowed'
  | 'rate-limited'
  | 'server'
  | 'not-gitlab'
  | 'invalid-response'
  | 'aborted'
  | 'http';

export interface GitLabErrorInit {
  kind: GitLabErrorKind;
  url: string;
  method?: string;
  status?: number;
  gitlabMessage?: string;
  /** The OAuth-style `error` code when GitLab sent one (`insufficient_scope`, `invalid_token`). */
  gitlabCode?: string;
  /** The scope GitLab says is missing (`{"scope":"api"}` on insufficient_scope). */
  requiredScope?: string;
  /** Our own explanation when GitLab gave none (e.g. which fields of a response were wrong). */
  detail?: string;
  /** A 429's `Retry-After`, when the browser could read it (same-origin proxy; GitLab's CORS hides it). */
  retryAfterMs?: number;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<GitLabErrorKind> = new Set(['network', 'rate-limited', 'server']);

export class GitLabError extends Error {
  override readonly name = 'GitLabError';
  readonly kind: GitLabErrorKind;
  readonly status: number | undefined;
  readonly gitlabMessage: string | undefined;
  readonly gitlabCode: string | undefined;
  readonly requiredScope: string | undefined;
  readonly detail: string | undefined;
  /** The request URL with any credential-like query parameter removed. */
  readonly url: string;
  readonly method: string;
  /** Whether trying again later can help (network, 429, 5xx). */
  readonly retryable: boolean;
  /** How long GitLab asked to wait (429 `Retry-After`), when the answer let the browser read it. */
  readonly retryAfterMs: number | undefined;

  constructor(init: GitLabErrorInit) {
    const url = redactUrl(init.url);
    const method = (init.method ?? 'GET').toUpperCase();
    const statusPart = init.status === undefined ? '' : ` ${init.status}`;
    const messagePart = init.gitlabMessage ? `: ${init.gitlabMessage}` : '';
    super(`GitLab ${init.kind}${statusPart} on ${method} ${url}${messagePart}`, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.gitlabMessage = init.gitlabMessage;
    this.gitlabCode = init.gitlabCode;
    this.requiredScope = init.requiredScope;
    this.detail = init.detail;
    this.url = url;
    this.method = method;
    this.retryable = RETRYABLE.has(init.kind);
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isGitLabError(e: unknown): e is GitLabError {
  return e instanceof GitLabError;
}

/**
 * Whether a write may have happened although no answer was read: the request may have left and
 * the answer was lost (CORS stripped from the answer, a dropped connection, a gateway that gave
 * up waiting). A refusal GitLab itself sent (4xx, 500, 503, 429) is a known outcome: nothing done.
 */
export function isOutcomeUnknown(e: unknown): boolean {
  if (!(e instanceof GitLabError)) return false;
  if (e.kind === 'cors' || e.kind === 'network' || e.kind === 'invalid-response') return true;
  return e.kind === 'server' && (e.status === 502 || e.status === 504);
}

/** GitLab's credential query parameters: never sent by this client, stripped from GitLab's links. */
export const CREDENTIAL_QUERY_KEYS: readonly string[] = ['private_token', 'access_token', 'job_token'];
/** Hidden when a URL is shown: GitLab's credential parameters and a bare `token`. */
const SECRET_PARAMS = [...CREDENTIAL_QUERY_KEYS, 'token'];
const SECRET_PARAM_VALUE = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'gi');

/** Removes credential-like query parameters so a URL can be shown or logged. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(SECRET_PARAM_VALUE, '$1[hidden]');
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.includes(name.toLowerCase())) parsed.searchParams.set(name, '[hidden]');
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

// ---------------------------------------------------------------------------------------------
// Error bodies

export interface ParsedErrorBody {
  message?: string;
  code?: string;
  scope?: string;
}

const MAX_MESSAGE_LENGTH = 500;

function clip(text: string): string {
  const t = text.trim();
  return t.length > MAX_MESSAGE_LENGTH ? `${t.slice(0, MAX_MESSAGE_LENGTH)}…` : t;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Flattens GitLab's validation-error object `{"field":["is invalid"],"base":["…"]}` into one line:
 * "field is invalid; …". `base` and `error` carry whole sentences, so they are not prefixed.
 */
export function flattenMessageObject(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') {
    return [prefix && !['base', 'error', 'message'].includes(prefix.split('.').pop() ?? '') ? `${prefix} ${value}` : value];
  }
  if (typeof value === 'number' || typeof value === 'boolean') return flattenMessageObject(String(value), prefix);
  if (Array.isArray(value)) return value.flatMap((v) => flattenMessageObject(v, prefix));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => flattenMessageObject(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

/**
 * Reads the four error-body shapes GitLab sends:
 * `{"message":"404 Not found"}`, `{"message":{"field":["msg"]}}`,
 * `{"error":"…","error_description":"…"}` and plain text such as `Retry later`.
 */
export function parseErrorBody(text: string, contentType: string | null): ParsedErrorBody {
  const trimmed = text.trim();
  if (!trimmed) return {};
  let json: unknown;
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  if (looksJson) {
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
  }
  if (json === undefined) {
    if (looksLikeHtml(trimmed, contentType)) return {};
    return { message: clip(trimmed) };
  }
  if (typeof json === 'string') return { message: clip(json) };
  if (!isRecord(json)) return {};
  const out: ParsedErrorBody = {};
  if (typeof json.error === 'string') out.code = json.error;
  if (typeof json.scope === 'string') out.scope = json.scope;
  if (json.message !== undefined) {
    const lines = flattenMessageObject(json.message);
    if (lines.length > 0) out.message = clip(lines.join('; '));
  }
  if (out.message === undefined) {
    if (typeof json.error_description === 'string' && json.error_description.trim()) {
      out.message = clip(json.error_description);
    } else if (typeof json.error === 'string') {
      out.message = clip(json.error);
    } else if (json.error !== undefined) {
      const lines = flattenMessageObject(json.error);
      if (lines.length > 0) out.message = clip(lines.join('; '));
    }
  }
  return out;
}

export function looksLikeHtml(text: string, contentType: string | null): boolean {
  if (contentType && /\bhtml\b/i.test(contentType)) return true;
  const head = text.trimStart().slice(0, 200).toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}

/** Reads `error="…"` and `error_description="…"` from a `WWW-Authenticate: Bearer …` header. */
export function parseWwwAuthenticate(header: string | null): ParsedErrorBody {
  if (!header) return {};
  const out: ParsedErrorBody = {};
  const code = /\berror="([^"]*)"/i.exec(header);
  const description = /\berror_description="([^"]*)"/i.exec(header);
  const scope = /\bscope="([^"]*)"/i.exec(header);
  if (code?.[1]) out.code = code[1];
  if (description?.[1]) out.message = description[1];
  if (scope?.[1]) out.scope = scope[1];
  return out;
}

function kindFromStatus(status: number, code: string | undefined, message: string | undefined): GitLabErrorKind {
  if (status === 401) {
    if (code === 'invalid_token' && message && /expired/i.test(message)) return 'token-expired';
    return 'unauthorized';
  }
  if (status === 403) return code === 'insufficient_scope' ? 'insufficient-scope' : 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 405) return 'method-not-allowed';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'http';
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. Undefined when absent
 * or unreadable (GitLab's CORS does not expose it: only a same-origin proxy lets the browser read it).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Normalises a non-2xx response into a GitLabError. Reads the body (so the caller must not
 * have consumed it). A 404 that is an HTML page did not come from GitLab's API: the host or
 * its path prefix is wrong.
 */
export async function errorFromResponse(response: Response, request: { url: string; method?: string }): Promise<GitLabError> {
  const text = await response.text().catch(() => '');
  const contentType = response.headers.get('content-type');
  const fromBody = parseErrorBody(text, contentType);
  const fromHeader = parseWwwAuthenticate(response.headers.get('www-authenticate'));
  // GitLab puts the precise reason (an expired token) in WWW-Authenticate while the body only
  // says "401 Unauthorized"; the header wins for the code, the body for the message unless the
  // header is more precise.
  const code = fromBody.code ?? fromHeader.code;
  const expiredInHeader = fromHeader.code === 'invalid_token' && fromHeader.message && /expired/i.test(fromHeader.message);
  const message = expiredInHeader ? fromHeader.message : fromBody.message ?? fromHeader.message;
  let kind = kindFromStatus(response.status, code, message);
  if (response.status === 404 && looksLikeHtml(text, contentType)) kind = 'not-gitlab';
  return new GitLabError({
    kind,
    url: request.url,
    method: request.method,
    status: response.status,
    gitlabMessage: message,
    gitlabCode: code,
    requiredScope: fromBody.scope ?? fromHeader.scope,
    retryAfterMs: response.status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Human words

export interface ErrorDescription {
  title: string;
  detail: string;
  hint?: string;
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.origin;
  } catch {
    return url;
  }
}

function withGitLabWords(base: string, e: GitLabError): string {
  return e.gitlabMessage ? `${base} GitLab said: “${e.gitlabMessage}”.` : base;
}

/** The title, detail and hint the UI shows for any error (GitLabError or not). */
export function describeError(e: unknown): ErrorDescription {
  if (!(e instanceof GitLabError)) {
    if (e instanceof Error && e.name === 'AbortError') return { title: 'Cancelled', detail: 'The request was cancelled.' };
    const detail = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Something went wrong.';
    return { title: 'Something went wrong', detail };
  }
  const host = hostOf(e.url);
  switch (e.kind) {
    case 'network':
      return {
        title: 'GitLab is unreachable',
        detail: e.detail ? `Could not reach ${host}: ${e.detail}.` : `Could not reach ${host}: nothing answered.`,
        hint: 'Check the GitLab URL in Settings, your network or VPN, and that the host is up. A dashboard served over https cannot call a GitLab on plain http.',
      };
    case 'cors':
      return {
        title: 'Blocked by the browser (CORS)',
        detail: `The GitLab host ${host} answered, but its CORS headers were stripped, so the browser would not let the dashboard read the answer.`,
        hint: 'Serve the dashboard and GitLab from one origin through a reverse proxy (e.g. /gitlab/ → GitLab), or fix the proxy in front of GitLab so it passes GitLab’s Access-Control-Allow-Origin headers on /api/.',
      };
    case 'unauthorized':
      return {
        title: 'Not signed in',
        detail: e.detail ? `The token cannot be used: ${e.detail}.` : withGitLabWords(`${host} did not accept the token (or no token was given).`, e),
        hint: 'Add a personal access token with the read_api scope (or api to act on jobs) in Settings.',
      };
    case 'token-expired':
      return {
        title: 'Token expired',
        detail: 'Your token has expired, so GitLab refuses every request made with it.',
        hint: 'Create a new personal access token in GitLab (User settings → Access tokens) and paste it in Settings.',
      };
    case 'insufficient-scope':
      return {
        title: 'This token can only read',
        detail: withGitLabWords(
          `This token can only read (read_api), so GitLab refused the action${e.requiredScope ? `; it needs the ${e.requiredScope} scope` : ''}.`,
          e,
        ),
        hint: 'To cancel, retry, run or erase jobs, use a token with the api scope.',
      };
    case 'forbidden':
      return {
        title: 'Not allowed',
        detail: withGitLabWords('GitLab refused this (403).', e),
        hint: 'Your role in the project may not allow it, or a protected branch forbids it.',
      };
    case 'not-found':
      return {
        title: 'Not found',
        detail: withGitLabWords('GitLab has nothing here, or your token cannot see it (404).', e),
        hint: 'Check the project path or id; private projects answer 404 to tokens that cannot see them.',
      };
    case 'bad-request':
      return { title: 'GitLab rejected the request', detail: withGitLabWords(`GitLab answered ${e.status ?? 400}.`, e) };
    case 'conflict':
      return { title: 'Conflict', detail: withGitLabWords('GitLab reported a conflict (409); the item may have changed meanwhile.', e), hint: 'Reload and try again.' };
    case 'method-not-allowed':
      return {
        title: 'Not supported by this GitLab',
        detail: withGitLabWords('GitLab refused this way of asking (405).', e),
        hint: 'Very deep pages of the job list are refused by GitLab; narrow the list with a filter instead.',
      };
    case 'rate-limited':
      return {
        title: 'Slowed down by GitLab',
        detail: withGitLabWords('GitLab is rate-limiting this token (429).', e),
        hint: 'The dashboard waits and tries again by itself; fewer open tabs or a slower refresh help.',
      };
    case 'server':
      return {
        title: 'GitLab had a problem',
        detail: withGitLabWords(`${host} answered with a server error (${e.status ?? '5xx'}).`, e),
        hint: 'This is usually temporary; the dashboard tries again by itself.',
      };
    case 'not-gitlab':
      return {
        title: 'This does not look like GitLab',
        detail: `${host} answered, but not like GitLab’s API (an HTML page instead of JSON).`,
        hint: 'Check the GitLab URL in Settings: use the address you open GitLab with, including any path prefix such as /gitlab.',
      };
    case 'invalid-response':
      return {
        title: 'Unexpected answer from GitLab',
        detail: `${host} answered with data of an unexpected shape${e.detail ? ` (${e.detail})` : ''}.`,
        hint: 'The GitLab version may be unsupported, or a proxy changed the answer.',
      };
    case 'aborted':
      return { title: 'Cancelled', detail: 'The request was cancelled.' };
    case 'http':
      return { title: `GitLab answered ${e.status ?? 'an error'}`, detail: withGitLabWords(`Unexpected HTTP status ${e.status ?? ''}.`.trim(), e) };
  }
}
