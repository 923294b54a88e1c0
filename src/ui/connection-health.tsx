import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { connectionHealth, describeError, gitlabKeys, sameHealth, type ConnectionHealth } from '../gitlab/index.ts';
import { formatExactTime, formatTimeAgo } from './format.ts';
import { useNow } from './use-now.ts';

/**
 * The connection health of the queries under `queryKey` that something on screen is using
 * (active queries; default: every GitLab query). Re-renders only when the health changes.
 * The wall passes a tile's project key to get that tile's health.
 */
export function useConnectionHealth(queryKey: QueryKey = gitlabKeys.all()): ConnectionHealth {
  const client = useQueryClient();
  const last = useRef<ConnectionHealth>({ kind: 'fresh', updatedAt: 0 });
  const keyText = JSON.stringify(queryKey);
  const read = useCallback(() => {
    const queries = client.getQueryCache().findAll({ queryKey: JSON.parse(keyText) as QueryKey, type: 'active' });
    const next = connectionHealth(queries.map((q) => q.state));
    if (!sameHealth(last.current, next)) last.current = next;
    return last.current;
  }, [client, keyText]);
  const subscribe = useCallback((onChange: () => void) => client.getQueryCache().subscribe(onChange), [client]);
  return useSyncExternalStore(subscribe, read, read);
}

export interface ConnectionMarkerProps {
  /** The screen's health (useConnectionHealth). */
  health: ConnectionHealth;
  /** Said after "Updated … ago" while all is well, e.g. "refreshing while the pipeline runs". */
  live?: ReactNode;
  /** "Try now": asks again at once (not offered while the token is expired or GitLab asked to wait). */
  onRetry?: () => void;
}

function ago(at: number, now: number): string {
  return at > 0 ? `what GitLab said ${formatTimeAgo(new Date(at), now)}` : 'nothing yet';
}

/** The sentence and tone of each state: what is wrong, what is shown, what happens next. */
function describe(health: Exclude<ConnectionHealth, { kind: 'fresh' }>, now: number): { title: string; detail: string } {
  const showing = `Showing ${ago(health.since, now)}`;
  switch (health.kind) {
    case 'token-expired':
      return { title: 'Token expired', detail: `${showing}. No request is made with this token; save a new one in Settings and the page catches up by itself.` };
    case 'rate-limited': {
      const wait = Math.max(0, Math.ceil((health.until - now) / 1000));
      const until = new Date(health.until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      return { title: `Slowed down by GitLab (rate limited) until ${until}`, detail: `${showing}. The dashboard waits${wait > 0 ? ` ${wait} s` : ''} before asking again.` };
    }
    case 'unreachable':
      return health.reason === 'cors'
        ? { title: 'GitLab unreachable: blocked by the browser (CORS)', detail: `GitLab answered without CORS headers, so the browser hid the answer. ${showing}; trying again by itself, less often the longer it lasts.` }
        : { title: 'GitLab unreachable: nothing answered', detail: `${showing}; trying again by itself, less often the longer it lasts.` };
    case 'stale':
      return { title: describeError(health.error).title, detail: `${showing}; trying again by itself, less often the longer it lasts.` };
  }
}

/**
 * The one marker of connection health, the same on every page and on the wall: "Updated … ago"
 * while fresh; otherwise a status banner saying what is wrong, since when the data is stale and
 * what happens next. `data-health` carries the state's kind for tests and styling.
 */
export function ConnectionMarker({ health, live, onRetry }: ConnectionMarkerProps) {
  const rateLimited = health.kind === 'rate-limited';
  const now = useNow(rateLimited ? 1000 : 30_000);
  if (health.kind === 'fresh') {
    if (health.updatedAt === 0) return null;
    const at = new Date(health.updatedAt);
    return (
      <p className="muted connection-marker" data-health="fresh" aria-live="off">
        Updated{' '}
        <time dateTime={at.toISOString()} title={formatExactTime(at)}>
          {formatTimeAgo(at, Math.max(now, health.updatedAt))}
        </time>
        {live ? <> · {live}</> : null}
      </p>
    );
  }
  const { title, detail } = describe(health, Math.max(now, health.since));
  const tone = health.kind === 'stale' || rateLimited ? '' : ' banner--danger';
  return (
    <div className={`banner connection-marker${tone}`} role="status" data-health={health.kind}>
      <span>
        <strong>{title}.</strong> {detail}
      </span>
      {onRetry && health.kind !== 'token-expired' && !rateLimited ? (
        <button type="button" className="button" onClick={onRetry}>
          Try now
        </button>
      ) : null}
    </div>
  );
}

export interface ConnectionStatusProps {
  /** Whose health: the queries under this key (default: every GitLab query on screen). */
  queryKey?: QueryKey;
  live?: ReactNode;
}

/** ConnectionMarker wired to the query cache: the health of `queryKey`, and "Try now" refetches those queries. */
export function ConnectionStatus({ queryKey, live }: ConnectionStatusProps) {
  const client = useQueryClient();
  const health = useConnectionHealth(queryKey);
  const retry = () => void client.refetchQueries({ queryKey: queryKey ?? gitlabKeys.all(), type: 'active' }, { throwOnError: false });
  return <ConnectionMarker health={health} live={live} onRetry={retry} />;
}
