// GitLab's rack-cors policy for /api/*: any origin, any method, any header, no credentials,
// and only these response headers readable from JavaScript (FACTS.md "Transport").
export const EXPOSED_HEADERS = [
  'Link',
  'X-Total',
  'X-Total-Pages',
  'X-Per-Page',
  'X-Page',
  'X-Next-Page',
  'X-Prev-Page',
  'X-Gitlab-Blob-Id',
  'X-Gitlab-Commit-Id',
  'X-Gitlab-Content-Sha256',
  'X-Gitlab-Encoding',
  'X-Gitlab-File-Name',
  'X-Gitlab-File-Path',
  'X-Gitlab-Last-Commit-Id',
  'X-Gitlab-Ref',
  'X-Gitlab-Size',
  'X-Gitlab-Meta',
  'X-Request-Id',
  'ETag',
];

export const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

export function corsHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
    Vary: 'Origin',
  };
}

export function preflightHeaders(request: Request): Record<string, string> {
  const asked = request.headers.get('Access-Control-Request-Headers');
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': asked && asked.trim() ? asked : 'Authorization, Content-Type, PRIVATE-TOKEN, JOB-TOKEN',
    'Access-Control-Max-Age': '7200',
    Vary: 'Origin',
  };
}

const CORS_NAMES = ['Access-Control-Allow-Origin', 'Access-Control-Expose-Headers', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Max-Age', 'Access-Control-Allow-Credentials'];

/** What a proxy that strips CORS leaves of a response. */
export function stripCors(headers: Headers): void {
  for (const name of CORS_NAMES) headers.delete(name);
}
