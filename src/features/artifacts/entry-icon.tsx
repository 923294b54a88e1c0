import docImage from '@gitlab/svgs/dist/sprite_icons/doc-image.svg?raw';
import docText from '@gitlab/svgs/dist/sprite_icons/doc-text.svg?raw';
import folder from '@gitlab/svgs/dist/sprite_icons/folder-o.svg?raw';

// The inner shapes of GitLab's own icons (build-time constants from @gitlab/svgs, never data from
// a server or an archive); the <svg> element is ours.
const inner = (svg: string) => svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
const ICONS = { folder: inner(folder), image: inner(docImage), file: inner(docText) };

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp|ico)$/i;

/** GitLab's folder or file icon for a listing row (decorative: the row's link names it). */
export function EntryIcon({ type, name }: { type: 'file' | 'directory'; name: string }) {
  const icon = type === 'directory' ? 'folder' : IMAGE.test(name) ? 'image' : 'file';
  return (
    <svg
      className="artifact-icon"
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: ICONS[icon] }}
    />
  );
}
