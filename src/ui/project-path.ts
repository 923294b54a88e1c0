/**
 * The dashboard path of a project page, mirroring GitLab's: `/acme/platform/backend/-/jobs/5`.
 * Every segment is encoded; the project path keeps its slashes.
 */
export function projectPath(project: string | number, ...rest: Array<string | number>): string {
  const head = String(project)
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  const tail = rest.map((s) => encodeURIComponent(String(s))).join('/');
  return `/${head}/-/${tail}`;
}
