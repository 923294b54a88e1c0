import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createQueryClient } from './providers.tsx';
import { WallScreen } from './routes/wall-screen.tsx';
import type { Session } from './session.ts';
import { startSession, takeSecretsFromAddress } from './start.tsx';
import { WallErrorBoundary } from './wall-error-boundary.tsx';
import { wallContractRouter } from './wall-location.ts';

/**
 * The wall's own start (wall-main.tsx, chosen by index.html's loader for `…/wall`): the same
 * config.json, session, portal contract and theme as the app's boot, then the wall alone, with
 * no router, header or sign-in code (decision 0031). The address never changes on the wall.
 * Returns the root it renders into.
 */
export async function bootWall(container: HTMLElement): Promise<Root> {
  const root = createRoot(container);
  const baseUrl = document.baseURI;
  const secretNames = takeSecretsFromAddress();
  const started = await startSession(root, baseUrl, secretNames);
  if (!started) return root;
  const { session, portal, embedded } = started;
  const queryClient = createQueryClient();
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <WallErrorBoundary baseUrl={baseUrl} embedded={embedded}>
          <Wall session={session} search={window.location.search} />
        </WallErrorBoundary>
      </QueryClientProvider>
    </StrictMode>,
  );
  portal?.attach(wallContractRouter(window, baseUrl, embedded), container);
  return root;
}

function Wall({ session, search }: { session: Session; search: string }) {
  const snapshot = useSyncExternalStore(session.subscribe, session.get, session.get);
  return <WallScreen search={search} session={snapshot} />;
}
