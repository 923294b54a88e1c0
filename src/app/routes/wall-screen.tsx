import { useEffect, useMemo } from 'react';
import { WallPage, wallSource } from '../../features/wall/index.ts';
import type { SessionSnapshot } from '../session.ts';

/**
 * The team wall, from config.json's `wall.*` or a one-off list in the address (`search`). Needs
 * no router: the wall's own entry (wall-main.tsx) renders it alone, the app's `/wall` route
 * (wall-route.tsx) inside the router.
 */
export function WallScreen({ search, session }: { search: string; session: SessionSnapshot }) {
  const { connection, effective } = session;
  const { source, warnings } = useMemo(() => wallSource(new URLSearchParams(search), effective.wall), [search, effective.wall]);
  // The wall theme (src/ui/tokens.css) on the whole document while the wall shows: its rem grows with the screen.
  useEffect(() => {
    const root = document.documentElement;
    const before = root.getAttribute('data-theme');
    root.setAttribute('data-theme', 'wall');
    return () => {
      if (before === null) root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', before);
    };
  }, []);
  return (
    <WallPage
      connection={connection}
      source={source}
      refreshMs={effective.refresh.wallMs}
      showSuccessful={effective.wall.showSuccessful}
      statuses={effective.wall.statuses}
      warnings={[...effective.warnings, ...warnings]}
    />
  );
}
