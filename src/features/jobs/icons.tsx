import branch from '@gitlab/svgs/dist/sprite_icons/branch.svg?raw';
import commit from '@gitlab/svgs/dist/sprite_icons/commit.svg?raw';
import download from '@gitlab/svgs/dist/sprite_icons/download.svg?raw';
import tag from '@gitlab/svgs/dist/sprite_icons/tag.svg?raw';

// GitLab's own icon shapes (build-time constants from @gitlab/svgs, never server data); the
// <svg> element is ours so CSS can colour it.
const inner = (svg: string) => svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
const SHAPES = { branch: inner(branch), commit: inner(commit), download: inner(download), tag: inner(tag) } as const;

export type IconName = keyof typeof SHAPES;

/** A decorative GitLab icon: pair it with text or an aria-label on its control. */
export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="jobs-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: SHAPES[name] }}
    />
  );
}
