// GitLab's icon files (@gitlab/svgs) imported as text are GlIconSvg (icon.tsx), not any string:
// only they, build-time constants, never server data, reach GlIcon's innerHTML. (This pattern is
// longer than vite/client's `*?raw`, so TypeScript picks it for these files.)
declare module '@gitlab/svgs/dist/sprite_icons/*.svg?raw' {
  const svg: string & { readonly __gitlabIconFile: true };
  export default svg;
}
