/**
 * Settings from the address bar, for the wall display and portals that embed the dashboard:
 * `?embed=1`, `?host=`, `?project=` (repeatable, or comma-separated), `?theme=`, `?readonly=1`.
 * A token is never taken from a URL (it would end up in history, logs and Referer headers):
 * `token`, `private_token` and the like are ignored, with a warning, and should be removed from
 * the address bar (`urlWithoutSecrets`).
 */
import { THEMES } from './schema.ts';
import type { Theme } from './schema.ts';

export interface UrlOverrides {
  embed?: boolean;
  host?: string;
  projects?: string[];
  theme?: Theme;
  /** Only ever true: a URL can make the dashboard read-only, never lift read-only. */
  readOnly?: true;
}

export interface ParsedUrlSettings {
  overrides: UrlOverrides;
  /** Sentences to show (e.g. "A token in the address was ignored…"). */
  warnings: string[];
  /** Names of credential parameters found in the URL. */
  secretParams: string[];
}

export const SECRET_URL_PARAMS = ['token', 'private_token', 'private-token', 'access_token', 'job_token', 'gitlab_token'];

const TRUE = new Set(['1', 'true', 'yes', 'on', '']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function flag(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export function parseUrlSettings(search: string | URLSearchParams): ParsedUrlSettings {
  const params = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const overrides: UrlOverrides = {};
  const warnings: string[] = [];
  const secretParams = [...new Set([...params.keys()].filter((k) => SECRET_URL_PARAMS.includes(k.toLowerCase())))];
  if (secretParams.length > 0) {
    warnings.push(
      `A token in the address (${secretParams.join(', ')}) was ignored: a token never goes into a URL, where history, logs and other sites could see it. Enter it in Settings instead.`,
    );
  }

  const embed = params.get('embed');
  if (embed !== null) {
    const v = flag(embed);
    if (v === undefined) warnings.push(`embed=${embed} was ignored: use embed=1 or embed=0.`);
    else overrides.embed = v;
  }

  const host = params.get('host')?.trim();
  if (host) overrides.host = host;

  const projects = [...params.getAll('project'), ...params.getAll('projects')]
    .flatMap((v) => v.split(','))
    .map((p) => p.trim().replace(/^\/+|\/+$/g, ''))
    .filter(Boolean);
  if (projects.length > 0) overrides.projects = [...new Set(projects)];

  const theme = params.get('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) overrides.theme = theme as Theme;
    else warnings.push(`theme=${theme} was ignored: use ${THEMES.join(', ')}.`);
  }

  const readOnly = params.get('readonly') ?? params.get('readOnly');
  if (readOnly !== null) {
    const v = flag(readOnly);
    if (v === true) overrides.readOnly = true;
    else if (v === false) warnings.push('readonly=0 was ignored: the address can make the dashboard read-only, not lift it.');
    else warnings.push(`readonly=${readOnly} was ignored: use readonly=1.`);
  }

  return { overrides, warnings, secretParams };
}

/** The same URL without credential parameters, or null when there were none (for history.replaceState). */
export function urlWithoutSecrets(href: string): string | null {
  const url = new URL(href);
  let changed = false;
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_URL_PARAMS.includes(key.toLowerCase())) {
      url.searchParams.delete(key);
      changed = true;
    }
  }
  return changed ? url.toString() : null;
}
