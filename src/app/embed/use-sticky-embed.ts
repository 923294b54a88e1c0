import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * The safety net behind keepEmbedInNavigations: a URL that arrived without `embed=1` (a loader's
 * redirect) is replaced by the same URL with it, so a reload stays embedded.
 */
export function useStickyEmbed(embedded: boolean): void {
  const location = useLocation();
  const navigate = useNavigate();
  const missing = embedded && new URLSearchParams(location.search).get('embed') !== '1';
  useEffect(() => {
    if (!missing) return;
    // The router's navigate adds embed=1 (keepEmbedInNavigations).
    void navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: location.state as unknown });
  }, [missing, navigate, location.pathname, location.search, location.hash, location.state]);
}
