import { useCallback, useMemo, type MouseEvent } from 'react';
import { useHref, useNavigate } from 'react-router';

export interface RouteLinks {
  /** The href of an app path, with the router's basename: opens right in a new tab. */
  href(path: string): string;
  /** For a container: a plain left click on an `a[data-route]` inside it navigates in-app. */
  onClick(event: MouseEvent<Element>): void;
}

/**
 * Plain anchors to app paths for views that draw hundreds of links (the job list, the pipeline
 * graph). react-router's Link subscribes each one to the location and resolves its path on every
 * render; here the anchors are plain `<a href data-route>` and one handler on their container
 * navigates, leaving modifier and middle clicks (new tab, new window) to the browser.
 */
export function useRouteLinks(): RouteLinks {
  const navigate = useNavigate();
  const base = useHref('/').replace(/\/+$/, '');
  const href = useCallback((path: string) => `${base}${path}`, [base]);
  const onClick = useCallback(
    (event: MouseEvent<Element>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target.closest('a[data-route]') : null;
      const path = target?.getAttribute('data-route');
      if (!path || target?.getAttribute('target')) return;
      event.preventDefault();
      void navigate(path);
    },
    [navigate],
  );
  return useMemo(() => ({ href, onClick }), [href, onClick]);
}
