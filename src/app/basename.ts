/**
 * The router's basename, from the document's base URL (`<base href>` in index.html), so one
 * build serves any path: `/` → `/`, `/ci/` → `/ci`. See docs/decisions/0001-runtime-basename.md.
 */
export function routerBasename(baseURI: string): string {
  let path: string;
  try {
    path = new URL(baseURI).pathname;
  } catch {
    return '/';
  }
  // A base that names a file (`/ci/index.html`) means its folder.
  const folder = path.endsWith('/') ? path : path.slice(0, path.lastIndexOf('/') + 1);
  const trimmed = folder.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}
