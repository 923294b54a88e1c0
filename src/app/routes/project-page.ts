/**
 * How a page under `/<project>/-/…` is declared: React Router path patterns for the part after
 * `/-/`, a parser that turns the matched strings into the page's typed params (once) and its
 * title, in the table of pages (project-pages.ts); the data it warms in the loader and its
 * component in a module of its own (`pages/*-page.tsx`), loaded only when a URL names the page.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { createElement } from 'react';
import { matchPath, type PathParam } from 'react-router';
import type { AskByPath, Connection, Project } from '../../gitlab/index.ts';
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

/** What a page's early requests receive (`ProjectPageDefinition.early`). */
export interface ProjectPageEarlyContext<P> {
  /** Asks for a query by the project's path now; the loader puts its answer under the id's key. */
  ask: AskByPath;
  connection: Connection;
  params: P;
  env: AppEnv;
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

/**
 * A page's own code: the loader that warms its data and its component. It is a module of its
 * own in `pages/`, fetched only when a URL names the page (its own chunk, decision 0022), so that
 * a page's first load carries none of the other pages' features.
 */
export interface ProjectPageModule<P> {
  /**
   * Warms the queries the page reads (with the same queryOptions). A failure here must not hide
   * the project: the route ignores it and the page shows it.
   */
  load?(context: ProjectPageLoadContext<P>): Promise<unknown>;
  Component: ComponentType<{ params: P }>;
}

/** Declares a page module (`export const jobsPage = projectPageModule<JobsParams>({ … })`). */
export function projectPageModule<P>(module: ProjectPageModule<P>): ProjectPageModule<P> {
  return module;
}

export interface ProjectPageDefinition<P> {
  /** The page's URL shapes, tried in order. */
  routes: readonly PageRoute<P>[];
  title(params: P, projectPath: string): string;
  /** The page's module, `() => import('./pages/jobs-page.tsx').then((m) => m.jobsPage)`. */
  module(): Promise<ProjectPageModule<P>>;
  /**
   * The page's first requests, when the URL names the project by path and its id is not known
   * yet: asked for by the path beside the project's lookup (gitlab/ask-by-path.ts), instead of
   * after it. Here in the table, not in the page's module, so that they wait for neither the
   * lookup nor the page's code. The same queries (same options) as the module's `load` warms:
   * `load` then finds them on their way under the id's keys.
   */
  early?(context: ProjectPageEarlyContext<P>): void;
}

/** A page matched to a URL: its params already parsed, its type hidden behind these. */
export interface MatchedProjectPage {
  title(projectPath: string): string;
  /** Fetches the page's code (once per page; the browser caches the chunk). */
  open(): Promise<OpenedProjectPage>;
  /** The page's early requests (`ProjectPageDefinition.early`), when it has any. */
  early?(context: Omit<ProjectPageEarlyContext<unknown>, 'params'>): void;
}

/** A matched page whose code is here: its loader and its element. */
export interface OpenedProjectPage {
  load(context: Omit<ProjectPageLoadContext<unknown>, 'params'>): Promise<void>;
  render(): ReactNode;
}

/** What the project route shows: the page's title and its element. */
export type ShownProjectPage = Pick<MatchedProjectPage, 'title'> & Pick<OpenedProjectPage, 'render'>;

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

/** A page for the table in project-pages.ts: its URL shapes and title here, its code behind `module`. */
export function defineProjectPage<P>(definition: ProjectPageDefinition<P>): DefinedProjectPage<P> {
  const open = async (params: P): Promise<OpenedProjectPage> => {
    const { load, Component } = await definition.module();
    return {
      load: async (context) => {
        await load?.({ ...context, params });
      },
      render: () => createElement(Component, { params }),
    };
  };
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
      if (matched === null) return null;
      const { early } = definition;
      return {
        title: (projectPath) => definition.title(matched, projectPath),
        open: () => open(matched),
        ...(early ? { early: (context: Omit<ProjectPageEarlyContext<P>, 'params'>) => early({ ...context, params: matched }) } : {}),
      };
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
