import { describeError } from '../gitlab/index.ts';
import { TimeAgo } from './time-ago.tsx';

export interface StaleBannerProps {
  /** The error of the latest refresh. */
  error: unknown;
  /** When the data on screen was fetched (ms since epoch). */
  updatedAt: number;
  onRetry?: () => void;
}

/** Keeps the last data on screen while GitLab is not answering, and says so. */
export function StaleBanner({ error, updatedAt, onRetry }: StaleBannerProps) {
  const { title, detail } = describeError(error);
  return (
    <div className="banner" role="status">
      <span>
        <strong>{title}.</strong> Showing what GitLab said <TimeAgo value={new Date(updatedAt).toISOString()} />. {detail}
      </span>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
