import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { routerBasename } from './basename.ts';
import { keepEmbedInNavigations } from './embed/keep-embed.ts';
import { AppProviders, createQueryClient, type AppEnv } from './providers.tsx';
import { createAppRouter, preloadPageCode } from './router.tsx';
import { startSession, takeSecretsFromAddress } from './start.tsx';

/** Loads config.json (relative to the document), then renders the app into `container`. */
export async function boot(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const baseUrl = document.baseURI;
  const secretNames = takeSecretsFromAddress();

  // The page's code is fetched while config.json loads, not after it.
  const basename = routerBasename(baseUrl);
  preloadPageCode(window.location.pathname, basename);

  const started = await startSession(root, baseUrl, secretNames);
  if (!started) return;
  const { session, portal, effective, embedded } = started;

  const env: AppEnv = {
    embed: effective.embed && effective.embedOptions.hideNavigation,
    linkTarget: effective.embed ? effective.embedOptions.linkTarget : '_blank',
    poll: { activeMs: effective.refresh.activeMs, idleMs: effective.refresh.idleMs },
  };
  const queryClient = createQueryClient();
  const router = createAppRouter({ queryClient, session, env }, basename);
  if (embedded) keepEmbedInNavigations(router);

  root.render(
    <StrictMode>
      <AppProviders queryClient={queryClient} session={session} env={env}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
  portal?.attach(router, container);
}
