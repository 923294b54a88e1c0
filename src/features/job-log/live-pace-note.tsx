import { formatDuration } from '../../ui/index.ts';
import { LIVE_LOG_BUDGET_BYTES_PER_MINUTE, liveLogPace } from './log-source.ts';

export interface LivePaceNoteProps {
  /** Bytes of the log's last download. */
  bytes: number;
  /** The configured interval for active jobs (ms). */
  activeMs: number;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 10e6 ? 0 : 1)} MB`;

/**
 * Says, while a running job's log is followed, that updates come less often than usual and why:
 * GitLab sends the whole log at every update, so a big log is checked at a pace that keeps the
 * download within the budget. Nothing when the log is small enough for the usual pace.
 */
export function LivePaceNote({ bytes, activeMs }: LivePaceNoteProps) {
  const pace = liveLogPace(bytes, activeMs);
  if (!pace.slowed) return null;
  return (
    <p className="job-log__pace muted" role="status">
      Updates every {formatDuration(pace.intervalMs / 1000)} instead of every {formatDuration(activeMs / 1000)}: GitLab sends the whole log ({megabytes(bytes)}) at each
      update, so a log this big is checked less often (at most about {megabytes(LIVE_LOG_BUDGET_BYTES_PER_MINUTE)} a minute).
    </p>
  );
}
