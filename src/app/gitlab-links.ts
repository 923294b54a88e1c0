// One resolver for GitLab links: the address bar (the project route) and the picker's paste box
// both turn a GitLab path into the dashboard page nearest to it, with the same rules.
//
// The dashboard's own paths mirror GitLab's (`/<project>/-/jobs/123`), so resolving a path also
// tells whether it is already the canonical one (the route then renders it) or should be
// replaced (the route redirects):
//   /<project>                                  → the jobs list (the project's root)
//   /<project>/-/jobs[?scope=…]                 → the jobs list
//   /<project>/-/jobs/:id                       → the job page
//   /<project>/-/jobs/:id/raw                   → the job's raw log
//   /<project>/-/jobs/:id/artifacts/browse/*p   → the artifact browser (file/*p and raw/*p too)
//   /<project>/-/pipelines[?scope=&ref=&status=&source=&username=] → the pipelines list
//   /<project>/-/pipelines/:id                  → the pipeline page
//   /<project>/-/pipelines/:id/builds|failures|test_report → the pipeline page on that tab: the
//       tab is the path segment itself, as in GitLab (the page's `tab` param: PIPELINE_TABS)
//   /<project>/-/commit/:sha                    → the pipelines list of that commit (?sha=)
//   /projects/:id                               → the jobs list of project :id
// Numeric project ids (`/17/-/jobs`) and sub-groups (`/a/b/c/d/-/jobs`) work everywhere.
// A malformed id (`/-/jobs/abc`) is an error that says what is wrong with it.

/** GitLab's pipeline page tabs after `/-/pipelines/:id/`; none means the graph. */
export const PIPELINE_TABS = ['builds', 'failures', 'test_report'] as const;
export type PipelineTab = (typeof PIPELINE_TABS)[number];

export type LinkTarget =
  | { page: 'jobs' }
  | { page: 'job'; jobId: number }
  | { page: 'job-raw'; jobId: number }
  | { page: 'artifacts'; jobId: number; path: readonly string[] }
  | { page: 'pipelines' }
  | { page: 'pipeline'; pipelineId: number; tab: PipelineTab | null };

export interface ResolvedLink {
  /** `acme/platform/backend` or a numeric id such as `17`. */
  project: string;
  target: LinkTarget;
  /** The dashboard path for it, with the query and fragment it keeps (`/a/b/-/jobs/9#L12`). */
  path: string;
}

export type LinkResolution = { ok: true; link: ResolvedLink } | { ok: false; reason: string };

// GitLab paths are letters, digits, `_`, `-`, `.`, `+` per segment.
const SEGMENT = /^[\w.+-]+$/u;
const ID = /^[1-9]\d{0,15}$/;
const SHA = /^[0-9a-f]{7,64}$/i;
/** True for a numeric project id such as `1` (as opposed to a path). */
export function isNumericProjectRef(project: string): boolean {
  return /^[1-9]\d*$/.test(project);
}

function isValidProjectRef(segments: readonly string[]): boolean {
  return segments.length > 0 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
}

function idProblem(raw: string | undefined, what: 'job' | 'pipeline'): string | null {
  if (raw === undefined || raw === '') return `This link names no ${what}: a ${what} id goes after /-/${what}s/, like /-/${what}s/123.`;
  if (ID.test(raw)) return null;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (/^\d+$/.test(raw)) return `“${shown}” is not a ${what} id: ${what} ids are whole numbers from 1, without leading zeros.`;
  return `“${shown}” is not a ${what} id: GitLab ${what} ids are whole numbers, like /-/${what}s/123.`;
}

/** The link's own query, kept as it is: the lists read their filters from it, the pipeline page its view. */
function queryOf(search: string): string {
  const text = search.startsWith('?') ? search.slice(1) : search;
  return text ? `?${text}` : '';
}

/** Project segments are `[\w.+-]` only (checked on the way in): safe in a path as they are. */
function encodeProject(project: string): string {
  return project;
}

/** The dashboard path of a target (the canonical form the routes render). */
export function linkPath(project: string, target: LinkTarget): string {
  const base = `/${encodeProject(project)}/-`;
  switch (target.page) {
    case 'jobs':
      return `${base}/jobs`;
    case 'job':
      return `${base}/jobs/${target.jobId}`;
    case 'job-raw':
      return `${base}/jobs/${target.jobId}/raw`;
    case 'artifacts':
      return `${base}/jobs/${target.jobId}/artifacts/browse${target.path.length ? `/${target.path.join('/')}` : ''}`;
    case 'pipelines':
      return `${base}/pipelines`;
    case 'pipeline':
      return `${base}/pipelines/${target.pipelineId}${target.tab ? `/${target.tab}` : ''}`;
  }
}

type Section = { ok: true; target: LinkTarget; query: string; hash: boolean } | { ok: false; reason: string };

/** What the segments after `/-/` name. */
function resolveSection(section: readonly string[], search: string): Section {
  const [first, id, sub, ...rest] = section;
  if (first === undefined) return { ok: true, target: { page: 'jobs' }, query: '', hash: false };
  if (first === 'jobs') {
    if (id === undefined) return { ok: true, target: { page: 'jobs' }, query: queryOf(search), hash: false };
    const problem = idProblem(id, 'job');
    if (problem) return { ok: false, reason: problem };
    const jobId = Number(id);
    if (sub === undefined) return { ok: true, target: { page: 'job', jobId }, query: '', hash: true };
    if (sub === 'raw' && rest.length === 0) return { ok: true, target: { page: 'job-raw', jobId }, query: '', hash: false };
    if (sub === 'artifacts') {
      const [kind, ...path] = rest;
      // GitLab's browse, file (a file's page), raw (its bytes) and download (the archive).
      if (kind === 'browse' || kind === 'file' || kind === 'raw') return { ok: true, target: { page: 'artifacts', jobId, path }, query: '', hash: false };
      return { ok: true, target: { page: 'artifacts', jobId, path: [] }, query: '', hash: false };
    }
    // Any other page of a job (`/-/jobs/1/viewer`, …): the job itself.
    return { ok: true, target: { page: 'job', jobId }, query: '', hash: false };
  }
  if (first === 'pipelines') {
    if (id === undefined) return { ok: true, target: { page: 'pipelines' }, query: queryOf(search), hash: false };
    // GitLab's own sub-pages of the list.
    if (id === 'new' || id === 'charts' || id === 'latest') return { ok: true, target: { page: 'pipelines' }, query: '', hash: false };
    const problem = idProblem(id, 'pipeline');
    if (problem) return { ok: false, reason: problem };
    const pipelineId = Number(id);
    const tab = (PIPELINE_TABS as readonly string[]).includes(sub ?? '') ? (sub as PipelineTab) : null;
    return { ok: true, target: { page: 'pipeline', pipelineId, tab }, query: queryOf(search), hash: false };
  }
  if (first === 'commit') {
    if (id === undefined || !SHA.test(id)) return { ok: false, reason: `“${id ?? ''}” is not a commit: a commit link ends in its SHA, like /-/commit/1a2b3c4d.` };
    return { ok: true, target: { page: 'pipelines' }, query: `?${new URLSearchParams({ sha: id }).toString()}`, hash: false };
  }
  // Everything else of a project (merge requests, files, settings…): its jobs, the nearest page here.
  return { ok: true, target: { page: 'jobs' }, query: '', hash: false };
}

/**
 * Resolves a GitLab path (after the host, and after GitLab's sub-path if it has one) with its
 * query and fragment. `pathname` may be percent-encoded (a pasted URL) or not (a router splat).
 */
export function resolveGitLabPath(pathname: string, search = '', hash = ''): LinkResolution {
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0) return { ok: false, reason: 'This link names no project.' };

  // GitLab's `/projects/:id` redirects to the project; it is the one numeric-id URL it has.
  if (segments[0] === 'projects' && segments.length === 2 && isNumericProjectRef(segments[1] ?? '')) {
    const project = segments[1] ?? '';
    return { ok: true, link: { project, target: { page: 'jobs' }, path: linkPath(project, { page: 'jobs' }) } };
  }

  const dash = segments.indexOf('-');
  if (dash === 0) return { ok: false, reason: 'This link is a GitLab page, not a project.' };
  const projectSegments = dash === -1 ? segments : segments.slice(0, dash);
  let decoded: string[];
  try {
    decoded = projectSegments.map((s) => decodeURIComponent(s));
  } catch {
    return { ok: false, reason: 'This link names no project (its path is not valid percent-encoding).' };
  }
  if (!isValidProjectRef(decoded)) return { ok: false, reason: 'This link names no project: project paths are letters, digits, “_”, “-”, “.” and “+”.' };
  const project = decoded.join('/');
  if (decoded.length < 2 && !isNumericProjectRef(project)) return { ok: false, reason: 'This link names a group or a user, not a project.' };

  const section = resolveSection(dash === -1 ? [] : segments.slice(dash + 1), search);
  if (!section.ok) return section;
  const fragment = section.hash && hash && hash !== '#' ? (hash.startsWith('#') ? hash : `#${hash}`) : '';
  return { ok: true, link: { project, target: section.target, path: `${linkPath(project, section.target)}${section.query}${fragment}` } };
}
