import { describe, expect, it } from 'vitest';
import { GitLabError } from '../../gitlab/index.ts';
import { testConnection } from './test-connection.ts';

function fetchAnswering(status: number, body: string, headers: Record<string, string> = {}) {
  return async () => new Response(body, { status, headers });
}

describe('testConnection', () => {
  it('calls an address whose /api/v4/user is an empty 404 "not GitLab"', async () => {
    const error = await testConnection({ host: 'http://static.example.com', token: 't', fetch: fetchAnswering(404, '') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect((error as GitLabError).kind).toBe('not-gitlab');
  });

  it('keeps other failures as the client classified them', async () => {
    const error = await testConnection({
      host: 'http://gitlab.example.com',
      token: 't',
      fetch: fetchAnswering(401, '{"message":"401 Unauthorized"}', { 'content-type': 'application/json' }),
    }).catch((e: unknown) => e);
    expect((error as GitLabError).kind).toBe('unauthorized');
  });
});
