import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isConfigError, loadConfig, parseUrlSettings, urlWithoutSecrets } from '../config/index.ts';
import { routerBasename } from './basename.ts';
import { BootError } from './boot-error.tsx';
import { AppProviders, createQueryClient, type AppEnv } from './providers.tsx';
import { createAppRouter } from './router.tsx';
import { createSession } from './session.ts';
import { applyTheme } from './theme.ts';

/** Loads config.json (relative to the document), then renders the app into `container`. */
export async function boot(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const baseUrl = document.baseURI;

  // A token pasted into the address bar must not stay in history; the config layer ignores it.
  const cleaned = urlWithoutSecrets(window.location.href);
  if (cleaned) window.history.replaceState(window.history.state, '', cleaned);

  let config;
  try {
    config = await loadConfig(baseUrl);
  } catch (e) {
    const problems = isConfigError(e) ? e.problems : [e instanceof Error ? e.message : String(e)];
    root.render(<BootError title="The dashboard’s config.json is not usable" problems={problems} url={isConfigError(e) ? e.url : undefined} />);
    return;
  }

  const url = parseUrlSettings(window.location.search);
  const session = createSession({ config, url, baseUrl });
  const { effective } = session.get();
  applyTheme(effective.theme);
  session.subscribe(() => applyTheme(session.get().effective.theme));

  const env: AppEnv = {
    embed: effective.embed && effective.embedOptions.hideNavigation,
    poll: { activeMs: effective.refresh.activeMs, idleMs: effective.refresh.idleMs },
  };
  const queryClient = createQueryClient();
  const router = createAppRouter({ queryClient, session, env }, routerBasename(baseUrl));

  root.render(
    <StrictMode>
      <AppProviders queryClient={queryClient} session={session} env={env}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}
