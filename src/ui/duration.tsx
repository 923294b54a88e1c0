import { formatDuration, isoDuration } from './format.ts';
import { MissingValue } from './missing-value.tsx';
import { useNow } from './use-now.ts';

export interface DurationProps {
  /** Seconds as GitLab reported them (`duration`), or null when it sent none. */
  seconds: number | null | undefined;
  /** While true the value ticks up from `measuredAt`. */
  running?: boolean;
  /** When `seconds` was measured (ms, e.g. the query's dataUpdatedAt). */
  measuredAt?: number;
  /** Fallback start for a running job that came without a duration. */
  startedAt?: string | null;
}

/**
 * A job's duration, ticking while it runs. It counts on from GitLab's own figure rather
 * than from `started_at`, so a browser clock that disagrees with GitLab's does not show.
 */
export function Duration({ seconds, running = false, measuredAt, startedAt }: DurationProps) {
  const now = useNow(1000, running);
  let value: number | null = seconds ?? null;
  if (running) {
    if (value !== null && measuredAt !== undefined && now > 0) value += Math.max(0, (now - measuredAt) / 1000);
    else if (value === null && startedAt && now > 0) {
      const start = Date.parse(startedAt);
      if (!Number.isNaN(start)) value = Math.max(0, (now - start) / 1000);
    }
  }
  if (value === null) {
    return <MissingValue label="no duration" />;
  }
  return (
    <time className="duration" dateTime={isoDuration(value)}>
      {formatDuration(value)}
    </time>
  );
}
