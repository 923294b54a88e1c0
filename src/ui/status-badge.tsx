import { StatusIcon } from './status-icon.tsx';
import { statusLook } from './status.ts';

export interface StatusBadgeProps {
  status: string | null | undefined;
  allowFailure?: boolean;
}

/** Icon and word, as GitLab's CI badge shows a status. Wrap it in a link where it leads somewhere. */
export function StatusBadge({ status, allowFailure = false }: StatusBadgeProps) {
  const look = statusLook(status, allowFailure);
  return (
    <span className={`status-badge tone-${look.tone}`} data-status={status ?? ''}>
      <StatusIcon status={status} allowFailure={allowFailure} />
      <span className="status-badge__label">{look.label}</span>
    </span>
  );
}
