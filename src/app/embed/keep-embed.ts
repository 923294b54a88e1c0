/**
 * Embed mode sticks: every in-app navigation keeps `?embed=1` in the URL, so a reload inside
 * the portal's frame is still embedded (nothing is kept in storage in embed mode).
 */
import { parsePath, type To } from 'react-router';

/** `to` with `embed=1` in its query (a relative path stays relative). */
export function withEmbedParam(to: To): To {
  const path = typeof to === 'string' ? parsePath(to) : { ...to };
  const params = new URLSearchParams(path.search ?? '');
  if (params.get('embed') === '1') return to;
  params.set('embed', '1');
  return { ...path, search: `?${params.toString()}` };
}

interface NavigatingRouter {
  navigate(to: To | number | null, options?: object): Promise<void>;
}

/**
 * Wraps the router's navigate so that every navigation (links, forms, `useNavigate`, the
 * portal's `ci-dashboard:navigate`) keeps embed mode. History steps (`navigate(-1)`) pass as they are.
 */
export function keepEmbedInNavigations<R extends NavigatingRouter>(router: R): R {
  const navigate = router.navigate.bind(router);
  router.navigate = ((to: To | number | null, options?: object) =>
    typeof to === 'number' || to === null ? navigate(to, options) : navigate(withEmbedParam(to), options)) as R['navigate'];
  return router;
}
