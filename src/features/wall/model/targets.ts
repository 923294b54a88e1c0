/**
 * Which projects and refs a wall shows: config.json's `wall.projects` (paths or ids, each with
 * optional `refs`) and `wall.groups` (every project of a group, subgroups included), or, for a
 * one-off wall, the address: `?project=a/b&project=c/d&ref=main&group=acme/platform&title=…`
 * (the address replaces the configured lists). A project without refs shows its default branch.
 */
import type { ProjectRef } from '../../../gitlab/index.ts';

export interface WallProjectSpec {
  project: string;
  refs?: readonly string[] | undefined;
}

export interface WallSource {
  projects: WallProjectSpec[];
  groups: string[];
  title: string | null;
  /** Where the list came from, for the empty state's words. */
  from: 'url' | 'config';
}

export interface WallConfigInput {
  projects?: readonly (string | { project: string; refs?: readonly string[] | undefined })[] | undefined;
  groups?: readonly string[] | undefined;
  title?: string | undefined;
}

const PATH = /^[\w.-]+(\/[\w.-]+)+$/;

function cleanPath(raw: string): string {
  return raw.trim().replace(/^\/+|\/+$/g, '');
}

function isProjectRef(s: string): boolean {
  return /^\d+$/.test(s) || PATH.test(s);
}

function isGroupRef(s: string): boolean {
  return /^\d+$/.test(s) || /^[\w.-]+(\/[\w.-]+)*$/.test(s);
}

function listParam(params: URLSearchParams, ...names: string[]): string[] {
  return names
    .flatMap((n) => params.getAll(n))
    .flatMap((v) => v.split(','))
    .map(cleanPath)
    .filter(Boolean);
}

/** The wall's projects from the address, else from config.json; `warnings` name what was ignored. */
export function wallSource(params: URLSearchParams, config: WallConfigInput): { source: WallSource; warnings: string[] } {
  const warnings: string[] = [];
  const urlProjects = listParam(params, 'project');
  const urlGroups = listParam(params, 'group');
  const refs = [...new Set(params.getAll('ref').flatMap((v) => v.split(',')).map((r) => r.trim()).filter(Boolean))];
  const title = params.get('title')?.trim() || config.title?.trim() || null;

  if (urlProjects.length > 0 || urlGroups.length > 0) {
    const projects: WallProjectSpec[] = [];
    for (const p of [...new Set(urlProjects)]) {
      if (isProjectRef(p)) projects.push(refs.length > 0 ? { project: p, refs } : { project: p });
      else warnings.push(`project=${p} was ignored: use a project path such as group/project, or a numeric id.`);
    }
    const groups: string[] = [];
    for (const g of [...new Set(urlGroups)]) {
      if (isGroupRef(g)) groups.push(g);
      else warnings.push(`group=${g} was ignored: use a group path such as acme/platform, or a numeric id.`);
    }
    if (refs.length > 0 && projects.length === 0) warnings.push('ref= applies to the projects of the address (project=…); the group’s projects show their default branch.');
    return { source: { projects, groups, title, from: 'url' }, warnings };
  }
  if (refs.length > 0) warnings.push('ref= was ignored: it applies to the projects named in the address (project=…).');
  const projects: WallProjectSpec[] = (config.projects ?? []).map((p) => (typeof p === 'string' ? { project: cleanPath(p) } : { project: cleanPath(p.project), refs: p.refs }));
  return { source: { projects, groups: [...(config.groups ?? [])].map(cleanPath), title, from: 'config' }, warnings };
}

/** A project as the wall knows it once looked up (GitLab's Project, or a group's listing). */
export interface KnownProject {
  id: number;
  path: string;
  name: string;
  webUrl: string | null;
  defaultBranch: string | null;
}

/** The key of a tile. */
export function tileKey(project: ProjectRef, ref: string): string {
  return `${String(project).toLowerCase()}@${ref}`;
}
