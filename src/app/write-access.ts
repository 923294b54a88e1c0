import { useQuery } from '@tanstack/react-query';
import { useContext, useSyncExternalStore } from 'react';
import { connectionQueryOptions } from '../gitlab/index.ts';
import { SessionContext } from './providers.tsx';

// Apart from providers.tsx: only the project pages ask, and the connection check's code
// (token scopes, GitLab's version) then comes with them, not with every page's first load.

export interface WriteAccess {
  /** config.json, Settings or `?readonly=1` forbid acting on jobs. */
  readOnly: boolean;
  /**
   * Whether the token may act (its scopes, from checkConnection). 'unknown' while checking, when
   * GitLab cannot say (before 15.5, other token kinds) or the check failed: then actions are
   * tried and GitLab's own 403 is shown.
   */
  canWrite: boolean | 'unknown';
}

const noSubscribe = () => () => undefined;
const noSnapshot = () => null;

/**
 * May this screen act on jobs? Read-only mode and a read_api token disable the actions.
 * Without AppProviders (a page rendered alone in a test) nothing is known: GitLab decides.
 */
export function useWriteAccess(): WriteAccess {
  const session = useContext(SessionContext);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.get ?? noSnapshot, session?.get ?? noSnapshot);
  const connection = snapshot ? snapshot.connection : null;
  const readOnly = snapshot?.effective.readOnly ?? false;
  const check = useQuery(connectionQueryOptions(readOnly ? null : connection));
  if (!snapshot) return { readOnly: false, canWrite: 'unknown' };
  if (!connection) return { readOnly, canWrite: false };
  return { readOnly, canWrite: check.data?.canWrite ?? 'unknown' };
}
