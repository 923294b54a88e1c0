import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { WallPage, wallSource } from '../../features/wall/index.ts';
import { useSession } from '../providers.tsx';

/** `/wall`: the team wall, from config.json's `wall.*` or a one-off list in the address. */
export function WallRoute() {
  const { connection, effective } = useSession();
  const [params] = useSearchParams();
  const search = params.toString();
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
