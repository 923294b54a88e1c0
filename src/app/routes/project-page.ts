/**
 * How a page under `/<project>/-/…` is declared: React Router path patterns for the part after
 * `/-/`, a parser that turns the matched strings into the page's typed params (once), the data
 * it warms in the loader, its title and its component. The table of pages is project-pages.ts.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { createElement } from 'react';
import { matchPath, type PathParam } from 'react-router';
import type { Connection, Project } from '../../gitlab/index.ts';
import type { AppEnv } from '../providers.tsx';

/** What a page's loader receives. */
export interface ProjectPageLoadContext<P> {
  queryClient: QueryClient;
  connection: Connection;
  project: Project;
  params: P;
  env: AppEnv;
  /** The URL's query (`?scope=failed`), for filters the first data depends on. */
  search: URLSearchParams;
}

/**
 * One URL shape of a page: a React Router pattern of the part after `/-/` (`jobs/:jobId`,
 * `jobs/:jobId/artifacts/browse/*`) and the parser of its params. `param(name)` takes only the
 * pattern's own names and gives the value decoded (a splat that matched nothing is ''). The
 * parser returns null when the URL is not the page after all (`jobs/abc`).
 */
export interface PageRoute<P> {
  pattern: string;
  match(rest: readonly string[]): P | null;
}

export function pageRoute<Path extends string, P>(pattern: Path, parse: (param: (name: PathParam<Path>) => string) => P | null): PageRoute<P> {
  return {
    pattern,
    match(rest) {
      const params = matchSegments(pattern, rest);
      return params ? parse((name) => params[name] ?? '') : null;
    },
  };
}

export interface ProjectPageDefinition<P> {
  /** The page's URL shapes, tried in order. */
  routes: readonly PageRoute<P>[];
  /**
   * Warms the queries the page reads (with the same queryOptions). A failure here must not hide
   * the project: the route ignores it and the page shows it.
   */
  load?(context: ProjectPageLoadContext<P>): Promise<unknown>;
  title(params: P, projectPath: string): string;
  Component: ComponentType<{ params: P }>;
}

/** A page matched to a URL: its params already parsed, its type hidden behind these three. */
export interface MatchedProjectPage {
  load(context: Omit<ProjectPageLoadContext<unknown>, 'params'>): Promise<void>;
  title(projectPath: string): string;
  render(): ReactNode;
}

export interface ProjectPage {
  /** Matches the decoded segments after `/-/`; null when the URL is not this page. */
  match(rest: readonly string[]): MatchedProjectPage | null;
}

/**
 * Matches decoded segments against a React Router pattern. The segments are encoded again for
 * the match and the params decoded after it, so names with `%`, `#`, `?` or spaces arrive as typed.
 */
export function matchSegments(pattern: string, rest: readonly string[]): Record<string, string> | null {
  const match = matchPath({ path: pattern, caseSensitive: true, end: true }, `/${rest.map(encodeURIComponent).join('/')}`);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.params)) params[name] = (value ?? '').split('/').map(decodeURIComponent).join('/');
  return params;
}

export interface DefinedProjectPage<P> extends ProjectPage, ProjectPageDefinition<P> {
  /** The page's params for the decoded segments after `/-/`, or null when the URL is not this page. */
  params(rest: readonly string[]): P | null;
}

/** A page for the table in project-pages.ts; its definition stays readable (tests render its Component). */
export function defineProjectPage<P>(definition: ProjectPageDefinition<P>): DefinedProjectPage<P> {
  const bind = (params: P): MatchedProjectPage => ({
    load: async (context) => {
      await definition.load?.({ ...context, params });
    },
    title: (projectPath) => definition.title(params, projectPath),
    render: () => createElement(definition.Component, { params }),
  });
  const params = (rest: readonly string[]): P | null => {
    for (const route of definition.routes) {
      const matched = route.match(rest);
      if (matched !== null) return matched;
    }
    return null;
  };
  return {
    ...definition,
    params,
    match(rest) {
      const matched = params(rest);
      return matched === null ? null : bind(matched);
    },
  };
}

const ID = /^[1-9]\d{0,15}$/;

/** A GitLab id in a URL (`123`), or null: no sign, no leading zero, no more than a safe integer. */
export function parseId(value: string | null | undefined): number | null {
  if (value == null || !ID.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
