/**
 * The text of one of GitLab's icon files, `@gitlab/svgs/dist/sprite_icons/<name>.svg?raw`
 * (gitlab-svgs.d.ts types those imports so): a build-time constant, never server data. The app's
 * icons are exported one by one from `gl-icons.ts`, so that a page loads only those it draws.
 */
export type GlIconSvg = string & { readonly __gitlabIconFile: true };

const innerCache = new Map<GlIconSvg, string>();
/** Only the shapes inside the file go into the DOM; the <svg> is ours. */
function inner(svg: GlIconSvg): string {
  let shapes = innerCache.get(svg);
  if (shapes === undefined) {
    shapes = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
    innerCache.set(svg, shapes);
  }
  return shapes;
}

/** One of GitLab's icons at 16 px in currentColor, decorative: its control carries the name. */
export function GlIcon({ icon, size = 16 }: { icon: GlIconSvg; size?: number }) {
  return (
    <svg
      className="gl-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: inner(icon) }}
    />
  );
}
