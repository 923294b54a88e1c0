import { describeError, GitLabError } from '../../gitlab/index.ts';
import { clockTime } from './wall-tile.tsx';

export interface WallFault {
  error: unknown;
  /** The last time any tile heard from GitLab (ms; 0: never). */
  lastSuccess: number;
}

/**
 * The newest outcome of the wall's requests: a fault when the newest failure is newer than the
 * newest success (a 404 for one project is that tile's business, not the connection's).
 */
export function wallFault(tiles: readonly { dataUpdatedAt: number; error: unknown; errorUpdatedAt: number }[]): WallFault | null {
  let lastSuccess = 0;
  let latest: { error: unknown; at: number } | null = null;
  for (const t of tiles) {
    lastSuccess = Math.max(lastSuccess, t.dataUpdatedAt);
    if (!t.error) continue;
    if (t.error instanceof GitLabError && ['not-found', 'forbidden', 'bad-request', 'aborted'].includes(t.error.kind)) continue;
    if (!latest || t.errorUpdatedAt > latest.at) latest = { error: t.error, at: t.errorUpdatedAt };
  }
  if (!latest || latest.at < lastSuccess) return null;
  return { error: latest.error, lastSuccess };
}

function headline(error: unknown): string {
  if (error instanceof GitLabError) {
    switch (error.kind) {
      case 'network':
      case 'cors':
        return 'Connection to GitLab lost';
      case 'token-expired':
        return 'The wall’s GitLab token has expired';
      case 'unauthorized':
        return 'GitLab refuses the wall’s token';
      case 'rate-limited':
        return 'GitLab is rate-limiting this wall';
      default:
        break;
    }
  }
  return describeError(error).title;
}

function nextStep(error: unknown): string {
  if (error instanceof GitLabError && (error.kind === 'token-expired' || error.kind === 'unauthorized')) {
    return 'Put a new read_api token in config.json or Settings; the wall picks it up by itself.';
  }
  if (error instanceof GitLabError && error.kind === 'rate-limited') return 'The wall waits as GitLab asks, then carries on by itself.';
  return 'The wall keeps trying by itself, less often the longer it lasts.';
}

/** The banner that names a lost connection, an expired token or a rate limit, with the last success. */
export function WallBanner({ fault, now }: { fault: WallFault; now: number }) {
  const kind = fault.error instanceof GitLabError ? fault.error.kind : 'other';
  return (
    <div className="wall-banner" role="alert" data-testid="wall-banner" data-kind={kind}>
      <strong>{headline(fault.error)}.</strong>{' '}
      {fault.lastSuccess > 0 ? `Tiles show what GitLab said at ${clockTime(fault.lastSuccess, now)} (last success). ` : 'Nothing has loaded yet. '}
      {nextStep(fault.error)}
    </div>
  );
}
