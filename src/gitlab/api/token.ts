import { gitlabRequest } from '../transport.ts';
import type { Connection } from '../transport.ts';
import { TokenInfoSchema } from '../types.ts';
import type { TokenInfo } from '../types.ts';

/** `GET /personal_access_tokens/self` (GitLab 15.5+; older hosts answer 404). */
export async function fetchTokenSelf(conn: Connection, signal?: AbortSignal): Promise<TokenInfo> {
  const { data } = await gitlabRequest(conn, '/personal_access_tokens/self', { schema: TokenInfoSchema, signal });
  return data;
}

/** Can a token with these scopes act (cancel, retry, play, erase)? Only `api` allows writes. */
export function scopesCanWrite(scopes: readonly string[] | null | undefined): boolean {
  return (scopes ?? []).includes('api');
}
