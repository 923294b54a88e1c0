import canceled from '@gitlab/svgs/dist/sprite_icons/status_canceled.svg?raw';
import created from '@gitlab/svgs/dist/sprite_icons/status_created.svg?raw';
import failed from '@gitlab/svgs/dist/sprite_icons/status_failed.svg?raw';
import manual from '@gitlab/svgs/dist/sprite_icons/status_manual.svg?raw';
import notfound from '@gitlab/svgs/dist/sprite_icons/status_notfound.svg?raw';
import pending from '@gitlab/svgs/dist/sprite_icons/status_pending.svg?raw';
import preparing from '@gitlab/svgs/dist/sprite_icons/status_preparing.svg?raw';
import running from '@gitlab/svgs/dist/sprite_icons/status_running.svg?raw';
import scheduled from '@gitlab/svgs/dist/sprite_icons/status_scheduled.svg?raw';
import skipped from '@gitlab/svgs/dist/sprite_icons/status_skipped.svg?raw';
import success from '@gitlab/svgs/dist/sprite_icons/status_success.svg?raw';
import warning from '@gitlab/svgs/dist/sprite_icons/status_warning.svg?raw';
import { statusLook, type StatusIconName } from './status.ts';

/** GitLab's status icon files (@gitlab/svgs, build-time constants), by icon name. */
export const STATUS_ICON_SVGS: Readonly<Record<StatusIconName, string>> = {
  status_canceled: canceled,
  status_created: created,
  status_failed: failed,
  status_manual: manual,
  status_notfound: notfound,
  status_pending: pending,
  status_preparing: preparing,
  status_running: running,
  status_scheduled: scheduled,
  status_skipped: skipped,
  status_success: success,
  status_warning: warning,
};

// Only the inner shapes of GitLab's own SVG files (a build-time constant from @gitlab/svgs,
// never data from a server) go into the DOM; the <svg> element is ours so CSS can colour it.
const INNER: Record<string, string> = Object.fromEntries(
  Object.entries(STATUS_ICON_SVGS).map(([name, svg]) => [name, svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '')]),
);

export interface StatusIconProps {
  status: string | null | undefined;
  allowFailure?: boolean;
  /** Pixel size; GitLab draws these at 16 in tables and 24 on the job page. */
  size?: number;
}

/** GitLab's status icon, decorative: pair it with the word (StatusBadge) or an aria-label. */
export function StatusIcon({ status, allowFailure = false, size = 16 }: StatusIconProps) {
  const look = statusLook(status, allowFailure);
  return (
    <svg
      className={`status-icon tone-${look.tone}`}
      data-icon={look.icon}
      width={size}
      height={size}
      viewBox="0 0 14 14"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: INNER[look.icon] ?? '' }}
    />
  );
}
