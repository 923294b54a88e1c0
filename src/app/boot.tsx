import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isConfigError, keepStorageInMemory, loadConfig, parseUrlSettings, SECRET_URL_PARAMS, takeEarlyConfigRequest, urlWithoutSecrets } from '../config/index.ts';
import { routerBasename } from './basename.ts';
import { BootError } from './boot-error.tsx';
import { keepEmbedInNavigations } from './embed/keep-embed.ts';
import { startPortalContract } from './embed/portal-contract.ts';
import { AppProviders, createQueryClient, type AppEnv } from './providers.tsx';
import { createAppRouter, preloadPageCode } from './router.tsx';
import { createSession } from './session.ts';
import { applyTheme } from './theme.ts';

/** Loads config.json (relative to the document), then renders the app into `container`. */
export async function boot(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const baseUrl = document.baseURI;

  // A token pasted into the address bar must not stay in history; the config layer ignores it.
  // The built page's inline loader took it out before any request and left the names it took
  // (<html data-stripped-secrets>); the dev server has no loader, so it is taken out here.
  const secretNames = [...(document.documentElement.getAttribute('data-stripped-secrets')?.split(',') ?? []), ...new URLSearchParams(window.location.search).keys()].filter((k) =>
    SECRET_URL_PARAMS.includes(k.toLowerCase()),
  );
  const cleaned = urlWithoutSecrets(window.location.href);
  if (cleaned) window.history.replaceState(window.history.state, '', cleaned);

  // The page's code is fetched while config.json loads, not after it.
  const basename = routerBasename(baseUrl);
  preloadPageCode(window.location.pathname, basename);

  let config;
  try {
    // The built page's loader asked for config.json already, while this script loaded.
    config = await loadConfig(baseUrl, { fetch: takeEarlyConfigRequest(window) });
  } catch (e) {
    const problems = isConfigError(e) ? e.problems : [e instanceof Error ? e.message : String(e)];
    root.render(<BootError title="The dashboard’s config.json is not usable" problems={problems} url={isConfigError(e) ? e.url : undefined} />);
    return;
  }

  // The names only (empty values), so the person is told a token in the address was ignored.
  const search = new URLSearchParams(window.location.search);
  for (const name of secretNames) if (!search.has(name)) search.append(name, '');
  const url = parseUrlSettings(search);
  // Embedded in a portal: nothing of this page goes into the portal's (or anyone's) storage.
  const embedded = url.overrides.embed === true;
  if (embedded) keepStorageInMemory();
  const session = createSession({ config, url, baseUrl });
  const portal = startPortalContract({ win: window, allowedOrigins: config.embed.allowedOrigins, session });
  const { effective } = session.get();
  applyTheme(effective.theme);
  session.subscribe(() => applyTheme(session.get().effective.theme));

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
