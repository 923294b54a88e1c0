// Paths that mirror GitLab's own: `/<project path or numeric id>/-/<section>/…`.
// Project paths contain slashes, so the router hands us a splat and we find the `-` segment.
import { isNumericProjectRef, resolveGitLabPath } from './gitlab-links.ts';

export interface ProjectLocation {
  /** `acme/platform/backend` or a numeric id such as `1`, as it appeared in the URL. */
  project: string;
  /** The segments after `/-/`, decoded: `['jobs']`, `['jobs', '123']`. */
  rest: string[];
}

/** Splits a router splat (`acme/platform/backend/-/jobs`) into the project and the rest. */
export function parseProjectLocation(splat: string): ProjectLocation | null {
  const segments = splat.split('/').filter((s) => s !== '');
  const dash = segments.indexOf('-');
  if (dash < 1) return null;
  let project: string;
  try {
    project = segments.slice(0, dash).map(decodeURIComponent).join('/');
  } catch {
    return null; // malformed percent-encoding: not a path we made
  }
  // The router hands the splat already decoded: decoding the rest again would turn a file named
  // `100% done.txt` into an error and `a%20b` into `a b` (artifact paths are any text).
  const rest = segments.slice(dash + 1);
  if (!isValidProjectRef(project)) return null;
  return { project, rest };
}

// GitLab paths are letters, digits, `_`, `-`, `.`, `+` per segment; anything else is not a project.
const SEGMENT = /^[\w.+-]+$/u;

function isValidProjectRef(project: string): boolean {
  return project.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
}

export { projectPath } from '../ui/project-path.ts';

export { isNumericProjectRef };

export type PastedUrlResult =
  | {
      ok: true;
      /** Where to go in the dashboard, with GitLab's query and fragment kept (`#L12`). */
      path: string;
      /** The host the URL named, when it named one (`https://gitlab.example.com`). */
      host: string | null;
      /** True when that host is not the connected GitLab: the page will show the connected host's project. */
      hostDiffers: boolean;
    }
  | { ok: false; reason: string };

/**
 * Turns a pasted GitLab URL (or path) into the dashboard's path for the same page.
 * Only the path after the host matters; a GitLab installed under a sub-path is handled
 * when the connected host names that sub-path.
 */
export function parsePastedGitLabUrl(input: string, connectedHost?: string | null): PastedUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Paste a GitLab URL, such as https://gitlab.example.com/group/project/-/jobs.' };

  let url: URL;
  let host: string | null = null;
  try {
    if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
      url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'Only http and https URLs can be opened.' };
      host = url.origin;
    } else {
      url = new URL(text.startsWith('/') ? text : `/${text}`, 'http://paste.invalid');
    }
  } catch {
    return { ok: false, reason: 'That is not a URL.' };
  }

  let pathname = url.pathname;
  let hostDiffers = false;
  if (host !== null && connectedHost) {
    let connected: URL | null;
    try {
      connected = new URL(connectedHost);
    } catch {
      connected = null;
    }
    if (connected && connected.origin === url.origin) {
      const prefix = connected.pathname.replace(/\/+$/, '');
      if (prefix !== '' && (pathname === prefix || pathname.startsWith(`${prefix}/`))) pathname = pathname.slice(prefix.length);
    } else {
      hostDiffers = true;
    }
  }

  // The same resolver as the address bar (gitlab-links.ts): every link opens its nearest page.
  const resolved = resolveGitLabPath(pathname, url.search, url.hash);
  if (!resolved.ok) return { ok: false, reason: resolved.reason };
  return { ok: true, path: resolved.link.path, host, hostDiffers };
}
