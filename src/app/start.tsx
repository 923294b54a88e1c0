import type { Root } from 'react-dom/client';
import { isConfigError, keepStorageInMemory, loadConfig, parseUrlSettings, SECRET_URL_PARAMS, takeEarlyConfigRequest, urlWithoutSecrets, type EffectiveConfig } from '../config/index.ts';
import { BootError } from './boot-error.tsx';
import { startPortalContract, type PortalContract } from './embed/portal-contract.ts';
import { createSession, type Session } from './session.ts';
import { applyTheme } from './theme.ts';

/**
 * A token pasted into the address bar must not stay in history; the config layer ignores it.
 * The built page's inline loader took it out before any request and left the names it took
 * (<html data-stripped-secrets>); the dev server has no loader, so it is taken out here.
 * Returns the names taken out, so the person is told.
 */
export function takeSecretsFromAddress(): string[] {
  const names = [...(document.documentElement.getAttribute('data-stripped-secrets')?.split(',') ?? []), ...new URLSearchParams(window.location.search).keys()].filter((k) =>
    SECRET_URL_PARAMS.includes(k.toLowerCase()),
  );
  const cleaned = urlWithoutSecrets(window.location.href);
  if (cleaned) window.history.replaceState(window.history.state, '', cleaned);
  return names;
}

export interface Started {
  session: Session;
  /** The portal contract when the page is embedded by an allowed portal (else null). */
  portal: PortalContract | null;
  effective: EffectiveConfig;
  /** `?embed=1`. */
  embedded: boolean;
}

/**
 * What every entry does before it renders (the app's and the wall's): config.json (the built
 * page's loader asked for it already, while the script loaded), the address's settings, the
 * session, the portal contract and the theme. Null when config.json is not usable: `root` then
 * says why.
 */
export async function startSession(root: Root, baseUrl: string, secretNames: readonly string[]): Promise<Started | null> {
  let config;
  try {
    config = await loadConfig(baseUrl, { fetch: takeEarlyConfigRequest(window) });
  } catch (e) {
    const problems = isConfigError(e) ? e.problems : [e instanceof Error ? e.message : String(e)];
    root.render(<BootError title="The dashboard’s config.json is not usable" problems={problems} url={isConfigError(e) ? e.url : undefined} />);
    return null;
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
  return { session, portal, effective, embedded };
}
