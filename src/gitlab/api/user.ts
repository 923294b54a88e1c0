import { queryOptions } from '@tanstack/react-query';
import { gitlabKeys } from '../query-keys.ts';
import { gitlabRequest } from '../transport.ts';
import type { Connection } from '../transport.ts';
import { UserSchema } from '../types.ts';
import type { User } from '../types.ts';

/** `GET /user`: who the token belongs to. */
export async function fetchCurrentUser(conn: Connection, signal?: AbortSignal): Promise<User> {
  const { data } = await gitlabRequest(conn, '/user', { schema: UserSchema, signal });
  return data;
}

export function currentUserQueryOptions(conn: Connection) {
  return queryOptions({
    queryKey: gitlabKeys.user(conn),
    queryFn: ({ signal }) => fetchCurrentUser(conn, signal),
    staleTime: 5 * 60 * 1000,
  });
}
