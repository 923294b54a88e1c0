import arrowDown from '@gitlab/svgs/dist/sprite_icons/arrow-down.svg?raw';
import arrowUp from '@gitlab/svgs/dist/sprite_icons/arrow-up.svg?raw';
import cancel from '@gitlab/svgs/dist/sprite_icons/cancel.svg?raw';
import check from '@gitlab/svgs/dist/sprite_icons/check.svg?raw';
import chevronDown from '@gitlab/svgs/dist/sprite_icons/chevron-down.svg?raw';
import close from '@gitlab/svgs/dist/sprite_icons/close.svg?raw';
import collapse from '@gitlab/svgs/dist/sprite_icons/collapse.svg?raw';
import copy from '@gitlab/svgs/dist/sprite_icons/copy-to-clipboard.svg?raw';
import download from '@gitlab/svgs/dist/sprite_icons/download.svg?raw';
import ellipsis from '@gitlab/svgs/dist/sprite_icons/ellipsis_v.svg?raw';
import error from '@gitlab/svgs/dist/sprite_icons/error.svg?raw';
import expand from '@gitlab/svgs/dist/sprite_icons/expand.svg?raw';
import link from '@gitlab/svgs/dist/sprite_icons/link.svg?raw';
import maximize from '@gitlab/svgs/dist/sprite_icons/maximize.svg?raw';
import minimize from '@gitlab/svgs/dist/sprite_icons/minimize.svg?raw';
import play from '@gitlab/svgs/dist/sprite_icons/play.svg?raw';
import remove from '@gitlab/svgs/dist/sprite_icons/remove.svg?raw';
import retry from '@gitlab/svgs/dist/sprite_icons/retry.svg?raw';
import scrollDown from '@gitlab/svgs/dist/sprite_icons/scroll_down.svg?raw';
import scrollUp from '@gitlab/svgs/dist/sprite_icons/scroll_up.svg?raw';
import settings from '@gitlab/svgs/dist/sprite_icons/settings.svg?raw';
import softWrap from '@gitlab/svgs/dist/sprite_icons/soft-wrap.svg?raw';

// GitLab's own icon files (@gitlab/svgs, build-time constants, never server data), by the
// names GitLab gives them. Only the shapes inside the file go into the DOM; the <svg> is ours.
const SOURCES = {
  'arrow-down': arrowDown,
  'arrow-up': arrowUp,
  cancel,
  check,
  'chevron-down': chevronDown,
  close,
  collapse,
  'copy-to-clipboard': copy,
  download,
  ellipsis_v: ellipsis,
  error,
  expand,
  link,
  maximize,
  minimize,
  play,
  remove,
  retry,
  scroll_down: scrollDown,
  scroll_up: scrollUp,
  settings,
  'soft-wrap': softWrap,
} as const;

export type GlIconName = keyof typeof SOURCES;

const inner = (svg: string) => svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
const INNER = Object.fromEntries(Object.entries(SOURCES).map(([name, svg]) => [name, inner(svg)])) as Record<GlIconName, string>;

/** One of GitLab's icons at 16 px in currentColor, decorative: its control carries the name. */
export function GlIcon({ name, size = 16 }: { name: GlIconName; size?: number }) {
  return (
    <svg
      className="gl-icon"
      data-icon={name}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: INNER[name] }}
    />
  );
}
