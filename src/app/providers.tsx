import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { connectionQueryOptions, gitlabMutationDefaults, gitlabQueryDefaults, type PollIntervals } from '../gitlab/index.ts';
import { ExternalLinkTargetContext, ToastProvider, type ExternalLinkTarget } from '../ui/index.ts';
import type { Session, SessionSnapshot } from './session.ts';

/** Settings fixed for the life of the page (from config.json and the URL). */
export interface AppEnv {
  /** `?embed=1`: no header or navigation, for a portal's iframe. */
  embed: boolean;
  /** Where links that leave the dashboard (to GitLab) open: `embed.linkTarget` when embedded. */
  linkTarget: ExternalLinkTarget;
  /** Refresh intervals from config.json's `refresh`. */
  poll: PollIntervals;
}

export const DEFAULT_ENV: AppEnv = { embed: false, linkTarget: '_blank', poll: { activeMs: 5_000, idleMs: 30_000 } };

const SessionContext = createContext<Session | null>(null);
const EnvContext = createContext<AppEnv>(DEFAULT_ENV);

/** The one QueryClient: GitLab's retry and backoff policy, no refetch storms on focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...gitlabQueryDefaults, staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { ...gitlabMutationDefaults },
    },
  });
}

export function AppProviders({ queryClient, session, env, children }: { queryClient: QueryClient; session: Session; env: AppEnv; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>
        <EnvContext.Provider value={env}>
          <ExternalLinkTargetContext.Provider value={env.linkTarget}>
            <ToastProvider>{children}</ToastProvider>
          </ExternalLinkTargetContext.Provider>
        </EnvContext.Provider>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}

/** The session store itself, for its actions (save, disconnect, add a recent project). */
export function useSessionStore(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs <AppProviders> above it');
  return session;
}

/** The current connection and recent projects; re-renders when they change. */
export function useSession(): SessionSnapshot {
  const session = useSessionStore();
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}

export function useAppEnv(): AppEnv {
  return useContext(EnvContext);
}

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
