import { formatExactTime, formatTimeAgo } from './format.ts';
import { MissingValue } from './missing-value.tsx';
import { useNow } from './use-now.ts';

export interface TimeAgoProps {
  /** An ISO timestamp from GitLab; null or unparsable renders a dash. */
  value: string | null | undefined;
}

/** "3 minutes ago", with the exact UTC and local time on hover. */
export function TimeAgo({ value }: TimeAgoProps) {
  const now = useNow(30_000);
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return <MissingValue label="no time" />;
  }
  return (
    <time dateTime={date.toISOString()} title={formatExactTime(date)}>
      {formatTimeAgo(date, now)}
    </time>
  );
}
