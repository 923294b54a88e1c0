/**
 * The schema of `config.json`, the deploy-time settings that sit beside the built files so one
 * build serves every site. Unknown keys are errors (a typo such as "readonly" must not be
 * silently ignored); every key but none is required: defaults fill the rest.
 */
import * as z from 'zod/mini';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const ms = (fallback: number, min: number, max: number) =>
  z._default(
    z.number({ error: 'must be a number of milliseconds' }).check(
      z.int('must be a whole number of milliseconds'),
      z.gte(min, `must be at least ${min} ms`),
      z.lte(max, `must be at most ${max} ms`),
    ),
    fallback,
  );

const projectRef = z.string({ error: 'must be a project path such as "group/project" or a numeric id' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.refine((s) => /^\d+$/.test(s) || /^[\w.-]+(\/[\w.-]+)+$/.test(s), 'must be a project path such as "group/project" or a numeric id'),
);

/** An absolute http(s) URL, a path on this site (a same-origin proxy such as "/gitlab"), or empty. */
const gitlabUrl = z.string({ error: 'must be a text: the GitLab address, or "" to ask in Settings' }).check(
  z.trim(),
  z.refine((s) => {
    if (s === '' || s.startsWith('/')) return true;
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) address such as "https://gitlab.example.com", a path on this site such as "/gitlab", or ""'),
);

/** `https://portal.example.com`: a scheme, a host and maybe a port; nothing else. */
const origin = z.string({ error: 'must be an origin such as "https://portal.example.com"' }).check(
  z.trim(),
  z.refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as "https://portal.example.com" (a scheme and a host, no path)'),
);

/** GitLab's OAuth scopes the dashboard can use: `read_api` to look, `api` to act. */
export const OAUTH_SCOPES = ['read_api', 'api'] as const;

export const OAuthSchema = z.strictObject({
  /** The Application ID of a GitLab application (not confidential) whose redirect URI is `<dashboard>/oauth/callback`. */
  clientId: z.string({ error: 'must be the Application ID of the GitLab application' }).check(z.trim(), z.minLength(1, 'must not be empty')),
  /** The scopes asked for; `read_api` by default, `api` to act on jobs. */
  scopes: z._default(z.array(z.enum(OAUTH_SCOPES, { error: 'must be "read_api" or "api"' })).check(z.minLength(1, 'must name at least one scope')), ['read_api']),
});
export type OAuthConfig = z.infer<typeof OAuthSchema>;

export const RefreshSchema = z.strictObject({
  /** While something shown is queued or running. */
  activeMs: ms(5_000, 1_000, 600_000),
  /** When nothing shown is active. */
  idleMs: ms(30_000, 2_000, 3_600_000),
  /** The wall display's refresh. */
  wallMs: ms(15_000, 2_000, 3_600_000),
});
export type RefreshConfig = z.infer<typeof RefreshSchema>;

const refName = z.string({ error: 'must be a branch or tag name such as "main"' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.refine((s) => !/[\s~^:?*[\\]|\.\.|@\{/.test(s), 'must be a branch or tag name such as "main"'),
);

const groupRef = z.string({ error: 'must be a group path such as "acme/platform" or a numeric id' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.refine((s) => /^\d+$/.test(s) || /^[\w.-]+(\/[\w.-]+)*$/.test(s), 'must be a group path such as "acme/platform" or a numeric id'),
);

/** A project on the wall: its path or id, or `{ project, refs }` for other refs than the default branch. */
const wallProject = z.union(
  [
    projectRef,
    z.strictObject({
      project: projectRef,
      /** Refs shown as tiles of their own (default: the project's default branch). */
      refs: z.optional(z.array(refName).check(z.minLength(1, 'must list at least one ref (or leave refs out for the default branch)'))),
    }),
  ],
  { error: 'must be a project path such as "group/project", a numeric id, or { "project": "group/project", "refs": ["main"] }' },
);
export type WallProjectInput = z.infer<typeof wallProject>;

export const WallSchema = z.strictObject({
  /** The wall's heading (default: "CI"). */
  title: z.optional(z.string({ error: 'must be a text' })),
  /** Projects on the wall, each with optional `refs`; defaults to `defaultProjects`. */
  projects: z.optional(z.array(wallProject)),
  /** Every project of these groups (subgroups included), on its default branch. */
  groups: z.optional(z.array(groupRef)),
  /** Pipeline statuses shown on the wall (default: every status); tiles with another status are left out. */
  statuses: z.optional(z.array(z.string({ error: 'must be a pipeline status such as "failed"' }))),
  /** Not read by the wall of tiles (issue 17); accepted so that older config.json files still load. */
  maxJobs: z._default(z.number().check(z.int(), z.gte(1, 'must be at least 1'), z.lte(500, 'must be at most 500')), 60),
  /** false: the passing tiles fold into one "N projects passing" tile. */
  showSuccessful: z._default(z.boolean({ error: 'must be true or false' }), true),
});
export type WallConfig = z.infer<typeof WallSchema>;

export const EmbedSchema = z.strictObject({
  /** Where GitLab links open inside an iframe: a new tab by default, so the portal stays. */
  linkTarget: z._default(z.enum(['_blank', '_top', '_self'], { error: 'must be "_blank", "_top" or "_self"' }), '_blank'),
  /** Hide the dashboard's own navigation when embedded. */
  hideNavigation: z._default(z.boolean({ error: 'must be true or false' }), true),
  /**
   * The origins of the portals that may talk to the dashboard by postMessage (and only they
   * hear from it). Empty: the message contract is off.
   */
  allowedOrigins: z._default(z.array(origin), []),
});
export type EmbedConfig = z.infer<typeof EmbedSchema>;

export const ConfigSchema = z.strictObject({
  /** Editors' JSON-schema hint and a free comment; ignored. */
  $schema: z.optional(z.string()),
  $comment: z.optional(z.string()),
  gitlab: z.prefault(
    z.strictObject({
      /** The GitLab address; "" or absent: ask in Settings. */
      url: z._default(gitlabUrl, ''),
      /**
       * ONLY for a local demo or a kiosk on a trusted network: a token here is readable by
       * anyone who can load config.json. Use a read_api token. Real deployments leave it out.
       */
      token: z.optional(z.string({ error: 'must be a text (and should be absent on a real deployment)' })),
      /** "Sign in with GitLab" (OAuth 2 + PKCE): on when a clientId is given. */
      oauth: z.optional(OAuthSchema),
    }),
    {},
  ),
  /** Projects shown when nothing else is chosen. */
  defaultProjects: z._default(z.array(projectRef), []),
  refresh: z.prefault(RefreshSchema, {}),
  /** Hides every write action (cancel, retry, run, erase, keep and delete artifacts). */
  readOnly: z._default(z.boolean({ error: 'must be true or false' }), false),
  theme: z._default(z.enum(THEMES, { error: 'must be "system", "light" or "dark"' }), 'system'),
  wall: z.prefault(WallSchema, {}),
  embed: z.prefault(EmbedSchema, {}),
});
/** config.json after validation, every default filled in. */
export type RuntimeConfig = z.infer<typeof ConfigSchema>;
/** config.json as written (every key optional). */
export type RuntimeConfigInput = z.input<typeof ConfigSchema>;

export const DEFAULT_CONFIG: RuntimeConfig = ConfigSchema.parse({});

// ---------------------------------------------------------------------------------------------
// Readable validation errors

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['$schema', '$comment', 'gitlab', 'defaultProjects', 'refresh', 'readOnly', 'theme', 'wall', 'embed'],
  gitlab: ['url', 'token', 'oauth'],
  'gitlab.oauth': ['clientId', 'scopes'],
  refresh: ['activeMs', 'idleMs', 'wallMs'],
  wall: ['title', 'projects', 'groups', 'statuses', 'maxJobs', 'showSuccessful'],
  'wall.projects[]': ['project', 'refs'],
  embed: ['linkTarget', 'hideNavigation', 'allowedOrigins'],
};

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === 'object') return 'an object';
  return String(input);
}

/** One line per problem: `refresh.activeMs: must be at least 1000 ms (got 10)`. */
export function formatConfigIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = pathText(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = KNOWN_KEYS[pathText(issue.path).replace(/\[\d+\]/g, '[]')] ?? [];
      return issue.keys
        .map((key) => {
          const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
          const inside = where ? ` in ${where}` : '';
          return `Unknown setting “${key}”${inside}${near ? `: did you mean “${near}”?` : `; known: ${known.join(', ')}`}`;
        })
        .join('\n');
    }
    // Never echo a token back onto the screen.
    const secret = issue.path.some((p) => String(p).toLowerCase().includes('token'));
    const got = 'input' in issue && !secret ? ` (got ${describeValue(issue.input)})` : '';
    return `${where || 'config.json'}: ${issue.message}${got}`;
  });
}

export type ConfigParseResult = { ok: true; config: RuntimeConfig } | { ok: false; problems: string[] };

/** Validates parsed config.json; the problems are readable sentences for the error page. */
export function parseConfig(json: unknown): ConfigParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problems: ['config.json must hold one JSON object ({ … }).'] };
  }
  const result = z.safeParse(ConfigSchema, json, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: formatConfigIssues(result.error.issues).flatMap((p) => p.split('\n')) };
}
