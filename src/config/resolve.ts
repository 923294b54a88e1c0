/**
 * The settings in force: config.json ← settings saved in this browser ← URL parameters, and
 * the GitLab connection that follows from them.
 */
import { tryNormalizeHost } from '../gitlab/index.ts';
import type { Connection } from '../gitlab/index.ts';
import type { SavedConnection } from './connection-store.ts';
import type { EmbedConfig, OAuthConfig, RefreshConfig, RuntimeConfig, Theme, WallConfig, WallProjectInput } from './schema.ts';
import type { UserSettings } from './settings-store.ts';
import type { ParsedUrlSettings } from './url-params.ts';

export type SettingSource = 'config' | 'browser' | 'url';

export interface EffectiveConfig {
  /** Normalised GitLab address; null: ask in Settings. */
  gitlabUrl: string | null;
  gitlabUrlSource: SettingSource | null;
  projects: string[];
  refresh: RefreshConfig;
  /** Every write action hidden. */
  readOnly: boolean;
  /** True when config.json itself says read-only (a person cannot lift it). */
  readOnlyLocked: boolean;
  theme: Theme;
  /** Shown inside a portal's iframe (`?embed=1`). */
  embed: boolean;
  embedOptions: EmbedConfig;
  /** "Sign in with GitLab" (config.json `gitlab.oauth`), for config.json's GitLab only. */
  oauth: OAuthConfig | null;
  wall: WallConfig & { projects: WallProjectInput[] };
  /** Things to tell the person (ignored URL parameters, an unusable address…). */
  warnings: string[];
}

export interface ResolveInput {
  config: RuntimeConfig;
  settings?: UserSettings;
  saved?: SavedConnection | null;
  url?: ParsedUrlSettings;
  /** To resolve a relative GitLab address (`/gitlab`): the document's base. */
  baseUrl?: string;
}

export function resolveConfig({ config, settings = {}, saved = null, url, baseUrl }: ResolveInput): EffectiveConfig {
  const warnings = [...(url?.warnings ?? [])];
  const overrides = url?.overrides ?? {};

  let gitlabUrl: string | null = null;
  let gitlabUrlSource: SettingSource | null = null;
  const candidates: [string | undefined, SettingSource][] = [
    [overrides.host, 'url'],
    [saved?.host, 'browser'],
    [config.gitlab.url || undefined, 'config'],
  ];
  for (const [candidate, source] of candidates) {
    if (!candidate) continue;
    const host = tryNormalizeHost(candidate, baseUrl);
    if (host) {
      gitlabUrl = host;
      gitlabUrlSource = source;
      break;
    }
    warnings.push(`The GitLab address “${candidate}” (from ${source === 'url' ? 'the address bar' : source === 'browser' ? 'this browser' : 'config.json'}) is not usable and was ignored.`);
  }

  const projects = overrides.projects ?? settings.projects ?? config.defaultProjects;
  const refresh: RefreshConfig = { ...config.refresh, ...settings.refresh };
  const readOnly = config.readOnly || settings.readOnly === true || overrides.readOnly === true;

  return {
    gitlabUrl,
    gitlabUrlSource,
    projects: [...projects],
    refresh,
    readOnly,
    readOnlyLocked: config.readOnly,
    theme: overrides.theme ?? settings.theme ?? config.theme,
    embed: overrides.embed ?? false,
    embedOptions: config.embed,
    // The application is registered on config.json's GitLab: no sign-in against another host.
    oauth: config.gitlab.oauth && gitlabUrl && config.gitlab.url && tryNormalizeHost(config.gitlab.url, baseUrl) === gitlabUrl ? config.gitlab.oauth : null,
    wall: { ...config.wall, projects: overrides.projects ?? config.wall.projects ?? [...projects] },
    warnings,
  };
}

export interface ResolvedConnection extends Connection {
  /** Where the token came from; null when there is none. */
  tokenSource: 'browser' | 'config' | null;
}

/**
 * The connection for the effective GitLab address. A token is used only for the host it was
 * saved for (or config.json's url, for its kiosk token): an address from the URL never
 * receives a token saved for another host.
 */
export function resolveConnection(effective: Pick<EffectiveConfig, 'gitlabUrl'>, config: RuntimeConfig, saved: SavedConnection | null, baseUrl?: string): ResolvedConnection | null {
  const host = effective.gitlabUrl;
  if (!host) return null;
  if (saved?.token && tryNormalizeHost(saved.host, baseUrl) === host) return { host, token: saved.token, tokenSource: 'browser' };
  const configToken = config.gitlab.token?.trim();
  if (configToken && config.gitlab.url && tryNormalizeHost(config.gitlab.url, baseUrl) === host) return { host, token: configToken, tokenSource: 'config' };
  return { host, tokenSource: null };
}
