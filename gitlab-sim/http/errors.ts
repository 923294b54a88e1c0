// GitLab's error bodies, word for word. Thrown by handlers, turned into responses by the app.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

/** `{"message":"404 Project Not Found"}`; without a resource `{"message":"404 Not found"}`. */
export function notFound(resource?: string): ApiError {
  return new ApiError(404, { message: resource ? `404 ${resource} Not Found` : '404 Not found' });
}

/** Grape's answer for a path no route matches. */
export function routeNotFound(): ApiError {
  return new ApiError(404, { error: '404 Not Found' });
}

export function unauthorized(): ApiError {
  return new ApiError(401, { message: '401 Unauthorized' });
}

export function tokenExpired(): ApiError {
  return new ApiError(
    401,
    { error: 'invalid_token', error_description: 'Token has expired.' },
    { 'WWW-Authenticate': 'Bearer realm="", error="invalid_token", error_description="Token has expired."' },
  );
}

function invalidToken(description: string): ApiError {
  return new ApiError(
    401,
    { error: 'invalid_token', error_description: description },
    { 'WWW-Authenticate': `Bearer realm="", error="invalid_token", error_description="${description}"` },
  );
}

/** An OAuth access token past its `expires_in` (GitLab's ApiGuard, ExpiredError). */
export function oauthTokenExpired(): ApiError {
  return invalidToken('Token is expired. You can either do re-authorization or token refresh.');
}

/** An OAuth access token revoked (signed out, or replaced by a refresh). */
export function oauthTokenRevoked(): ApiError {
  return invalidToken('Token was revoked. You have to re-authorize from the user.');
}

export function insufficientScope(): ApiError {
  return new ApiError(
    403,
    {
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: 'api',
    },
    {
      'WWW-Authenticate':
        'Bearer realm="", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", scope="api"',
    },
  );
}

/** `{"message":"403 Forbidden"}` or `{"message":"403 Forbidden - <reason>"}`. */
export function forbidden(reason?: string): ApiError {
  return new ApiError(403, { message: reason ? `403 Forbidden - ${reason}` : '403 Forbidden' });
}

export function badRequest(reason?: string): ApiError {
  return new ApiError(400, { message: reason ? `400 Bad request - ${reason}` : '400 Bad request' });
}

/** Grape's parameter validation failures: `{"error":"job_id is invalid"}`. */
export function invalidParam(message: string): ApiError {
  return new ApiError(400, { error: message });
}

export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, { error: message });
}
