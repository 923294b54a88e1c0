import branch from '@gitlab/svgs/dist/sprite_icons/branch.svg?raw';
import commit from '@gitlab/svgs/dist/sprite_icons/commit.svg?raw';
import download from '@gitlab/svgs/dist/sprite_icons/download.svg?raw';
import tag from '@gitlab/svgs/dist/sprite_icons/tag.svg?raw';
import { STATUS_ICON_SVGS, statusLook } from '../../ui/index.ts';

// GitLab's own icon shapes (build-time constants from @gitlab/svgs, never server data), drawn as
// CSS masks in currentColor: a row is one empty element per icon, where an inline <svg> per row
// meant an HTML parse and a subtree for every row that scrolled into view.
const SOURCES = { branch, commit, download, tag } as const;

export type IconName = keyof typeof SOURCES;

const dataUrl = (svg: string) => `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
const maskRule = (selector: string, svg: string) => `${selector}{-webkit-mask-image:${dataUrl(svg)};mask-image:${dataUrl(svg)}}`;
const ICON_CSS = [
  ...Object.entries(SOURCES).map(([name, svg]) => maskRule(`.jobs-icon--${name}`, svg)),
  // GitLab's status icons are one colour (the badge's tone), so a mask draws them exactly.
  ...Object.entries(STATUS_ICON_SVGS).map(([name, svg]) => maskRule(`.jobs-status-icon[data-icon="${name}"]`, svg)),
].join('\n');

/** The icons' shapes, once per page (React hoists and deduplicates a <style> with an href). */
export function JobIconStyles() {
  return (
    <style href="jobs-icons" precedence="default">
      {ICON_CSS}
    </style>
  );
}

/** A decorative GitLab icon: pair it with text or an aria-label on its control. */
export function Icon({ name }: { name: IconName }) {
  return <span className={`jobs-icon jobs-icon--${name}`} aria-hidden="true" />;
}

/**
 * The shared StatusBadge's markup and look, with its icon drawn as a mask: the table draws one
 * per row that scrolls into view, and an inline <svg> there is an HTML parse each time.
 */
export function JobStatusBadge({ status, allowFailure }: { status: string | null | undefined; allowFailure: boolean }) {
  const look = statusLook(status, allowFailure);
  return (
    <span className={`status-badge tone-${look.tone}`} data-status={status ?? ''}>
      <span className={`status-icon jobs-status-icon tone-${look.tone}`} data-icon={look.icon} aria-hidden="true" />
      <span className="status-badge__label">{look.label}</span>
    </span>
  );
}
