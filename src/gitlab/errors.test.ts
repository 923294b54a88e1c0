import { describe, expect, it } from 'vitest';
import { GitLabError, describeError, errorFromResponse, flattenMessageObject, parseErrorBody, redactUrl } from './errors.ts';

const req = { url: 'https://gitlab.example.com/api/v4/projects/1/jobs', method: 'GET' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('parseErrorBody: the four shapes of FACTS.md', () => {
  it.each([
    ['message string', '{"message":"404 Not found"}', { message: '404 Not found' }],
    ['message object', '{"message":{"key":["is invalid","is too long"],"base":["Job is locked"]}}', { message: 'key is invalid; key is too long; Job is locked' }],
    ['jobs-list 429', '{"message":{"error":"This endpoint has been requested too many times. Try again later."}}', { message: 'This endpoint has been requested too many times. Try again later.' }],
    [
      'error + description',
      '{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"}',
      { code: 'insufficient_scope', message: 'The request requires higher privileges than provided by the access token.', scope: 'api' },
    ],
    ['error only', '{"error":"Offset pagination has a maximum allowed offset of 50000"}', { code: 'Offset pagination has a maximum allowed offset of 50000', message: 'Offset pagination has a maximum allowed offset of 50000' }],
    ['plain text', 'Retry later\n', { message: 'Retry later' }],
    ['empty', '', {}],
  ])('%s', (_name, text, expected) => {
    expect(parseErrorBody(text, null)).toEqual(expected);
  });

  it('ignores an HTML error page rather than showing markup', () => {
    expect(parseErrorBody('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', 'text/html')).toEqual({});
  });

  it('flattens nested validation objects with their field names', () => {
    expect(flattenMessageObject({ variables: { key: ['can contain only letters, digits and _'] } })).toEqual(['variables.key can contain only letters, digits and _']);
  });
});

describe('errorFromResponse', () => {
  it.each([
    [401, { message: '401 Unauthorized' }, 'unauthorized'],
    [401, { error: 'invalid_token', error_description: 'Token has expired.' }, 'token-expired'],
    [401, { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' }, 'unauthorized'],
    [403, { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api' }, 'insufficient-scope'],
    [403, { message: '403 Forbidden - Job is not retryable' }, 'forbidden'],
    [404, { message: '404 Not found' }, 'not-found'],
    [400, { message: '400 Bad request - Unplayable Job' }, 'bad-request'],
    [405, { error: 'Offset pagination has a maximum allowed offset of 50000' }, 'method-not-allowed'],
    [409, { message: 'Conflict' }, 'conflict'],
    [429, { message: { error: 'This endpoint has been requested too many times. Try again later.' } }, 'rate-limited'],
    [500, { message: '500 Internal Server Error' }, 'server'],
    [503, { message: '503' }, 'server'],
    [418, { message: 'teapot' }, 'http'],
  ] as const)('%i %j → %s', async (status, body, kind) => {
    const e = await errorFromResponse(json(status, body), req);
    expect(e).toBeInstanceOf(GitLabError);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.gitlabMessage).toBeTruthy();
  });

  it('reads an expired token from WWW-Authenticate when the body only says 401', async () => {
    const e = await errorFromResponse(
      json(401, { message: '401 Unauthorized' }, { 'www-authenticate': 'Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="Token has expired."' }),
      req,
    );
    expect(e.kind).toBe('token-expired');
    expect(e.gitlabMessage).toBe('Token has expired.');
  });

  it('plain-text 429 from the general throttle', async () => {
    const e = await errorFromResponse(new Response('Retry later\n', { status: 429, headers: { 'content-type': 'text/plain' } }), req);
    expect(e.kind).toBe('rate-limited');
    expect(e.gitlabMessage).toBe('Retry later');
    expect(e.retryable).toBe(true);
  });

  it('an HTML 404 is not GitLab’s API', async () => {
    const e = await errorFromResponse(new Response('<html><body>Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } }), req);
    expect(e.kind).toBe('not-gitlab');
  });

  it('marks only network, 429 and 5xx as retryable', async () => {
    expect((await errorFromResponse(json(404, { message: '404 Not found' }), req)).retryable).toBe(false);
    expect((await errorFromResponse(json(403, { message: '403 Forbidden' }), req)).retryable).toBe(false);
    expect((await errorFromResponse(json(502, {}), req)).retryable).toBe(true);
    expect(new GitLabError({ kind: 'network', url: req.url }).retryable).toBe(true);
    expect(new GitLabError({ kind: 'cors', url: req.url }).retryable).toBe(false);
  });
});

describe('redactUrl', () => {
  it('never keeps a token in a URL', () => {
    expect(redactUrl('https://g.example/api/v4/x?private_token=glpat-secret&a=1')).not.toContain('glpat-secret');
    expect(redactUrl('https://user:pw@g.example/api/v4/x')).not.toContain('pw');
    expect(redactUrl('not a url ?job_token=abc')).not.toContain('abc');
    const e = new GitLabError({ kind: 'not-found', url: 'https://g.example/api/v4/x?access_token=zzz' });
    expect(e.url).not.toContain('zzz');
    expect(e.message).not.toContain('zzz');
  });
});

describe('describeError', () => {
  const make = (kind: GitLabError['kind'], extra: Partial<ConstructorParameters<typeof GitLabError>[0]> = {}) =>
    new GitLabError({ kind, url: 'https://gitlab.example.com/api/v4/projects/1/jobs', ...extra });

  it('names the same-origin proxy fix for CORS', () => {
    const d = describeError(make('cors'));
    expect(d.detail).toMatch(/answered, but its CORS headers were stripped/);
    expect(d.hint).toMatch(/reverse proxy/);
    expect(d.hint).toMatch(/\/gitlab\//);
  });

  it('says who could not be reached', () => {
    expect(describeError(make('network')).detail).toBe('Could not reach https://gitlab.example.com: nothing answered.');
  });

  it('explains an expired token and a read-only token', () => {
    expect(describeError(make('token-expired')).detail).toMatch(/Your token has expired/);
    expect(describeError(make('insufficient-scope', { requiredScope: 'api' })).detail).toMatch(/This token can only read \(read_api\).*api scope/);
  });

  it('quotes GitLab’s own message', () => {
    expect(describeError(make('forbidden', { status: 403, gitlabMessage: '403 Forbidden - Job is not retryable' })).detail).toContain('Job is not retryable');
  });

  it('has words for every kind and for foreign errors', () => {
    const kinds: GitLabError['kind'][] = [
      'network', 'cors', 'unauthorized', 'token-expired', 'insufficient-scope', 'forbidden', 'not-found', 'bad-request',
      'conflict', 'method-not-allowed', 'rate-limited', 'server', 'not-gitlab', 'invalid-response', 'aborted', 'http',
    ];
    for (const kind of kinds) {
      const d = describeError(make(kind));
      expect(d.title.length, kind).toBeGreaterThan(0);
      expect(d.detail.length, kind).toBeGreaterThan(0);
    }
    expect(describeError(new Error('boom'))).toEqual({ title: 'Something went wrong', detail: 'boom' });
    expect(describeError('text').detail).toBe('text');
  });
});
