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

/** The id of the document's one sprite of status icons, and of each icon's symbol in it. */
export const STATUS_SPRITE_ID = 'ci-dashboard-status-icons';
export const statusSymbolId = (icon: string) => `${STATUS_SPRITE_ID}-${icon}`;

/**
 * Puts every status icon into the document once, as `<symbol>`s of one hidden sprite, on the
 * first icon drawn: an icon is then a `<use>` of its symbol, so a page of a thousand icons
 * (a big pipeline's graph, the job list) parses no SVG per icon. Idempotent; a sprite that a
 * test or a host page took out is put back.
 */
function ensureStatusSprite(): void {
  if (typeof document === 'undefined' || document.getElementById(STATUS_SPRITE_ID)) return;
  const sprite = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  sprite.id = STATUS_SPRITE_ID;
  sprite.setAttribute('aria-hidden', 'true');
  sprite.setAttribute('focusable', 'false');
  // Not display:none: out of sight and of the layout, but its symbols are drawn where used.
  sprite.setAttribute('style', 'position:absolute;width:0;height:0;overflow:hidden');
  sprite.innerHTML = Object.entries(INNER)
    .map(([icon, inner]) => `<symbol id="${statusSymbolId(icon)}" viewBox="0 0 14 14">${inner}</symbol>`)
    .join('');
  document.body.prepend(sprite);
}

export interface StatusIconProps {
  status: string | null | undefined;
  allowFailure?: boolean;
  /** Pixel size; GitLab draws these at 16 in tables and 24 on the job page. */
  size?: number;
}

/** GitLab's status icon, decorative: pair it with the word (StatusBadge) or an aria-label. */
export function StatusIcon({ status, allowFailure = false, size = 16 }: StatusIconProps) {
  const look = statusLook(status, allowFailure);
  ensureStatusSprite();
  return (
    <svg className={`status-icon tone-${look.tone}`} data-icon={look.icon} width={size} height={size} viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <use href={`#${statusSymbolId(look.icon)}`} />
    </svg>
  );
}
