import { useSearchParams } from 'react-router';
import { useSession } from '../providers.tsx';
import { WallScreen } from './wall-screen.tsx';

/**
 * `/wall` inside the app (the dev server, a portal's or a person's in-app navigation). A first
 * load of `…/wall` from the built index.html gets the wall's own entry instead (wall-main.tsx).
 */
export function WallRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  return <WallScreen search={params.toString()} session={session} />;
}
