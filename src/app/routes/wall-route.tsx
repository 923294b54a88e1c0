import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { WallPage, wallSource } from '../../features/wall/index.ts';
import { useSession } from '../providers.tsx';

/** `/wall`: the team wall, from config.json's `wall.*` or a one-off list in the address. */
export function WallRoute() {
  const { connection, effective } = useSession();
  const [params] = useSearchParams();
  const search = params.toString();
  const { source, warnings } = useMemo(() => wallSource(new URLSearchParams(search), effective.wall), [search, effective.wall]);
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
