import { useQueries } from '@tanstack/react-query';
import { describeError, GitLabError, groupProjectsQueryOptions, projectQueryOptions } from '../../gitlab/index.ts';
import type { Connection, Project } from '../../gitlab/index.ts';
import type { TileTarget } from './model/tile-data.ts';
import { tileKey, type KnownProject, type WallSource } from './model/targets.ts';

/** A configured project or group that could not be read, said on the wall instead of a tile. */
export interface WallProblem {
  what: string;
  detail: string;
}

/** A configured project whose default branch is not known yet (GitLab could not be asked): shown, not refreshed. */
export interface WaitingTarget {
  key: string;
  path: string;
  reason: string;
}

export interface WallTargets {
  targets: TileTarget[];
  /** Projects whose lookup failed on a connection fault: tiles that say why, until the lookup succeeds. */
  waiting: WaitingTarget[];
  problems: WallProblem[];
  /** The lookups' states, for the wall's banner. */
  lookups: { dataUpdatedAt: number; error: unknown; errorUpdatedAt: number }[];
  /** Lookups still running (before the first tiles can be known). */
  loading: boolean;
}

function known(p: Project): KnownProject {
  return { id: p.id, path: p.path_with_namespace ?? String(p.id), name: p.name, webUrl: p.web_url ?? null, defaultBranch: p.default_branch ?? null };
}

// A project whose default branch GitLab does not name (an empty repository, an old version).
const FALLBACK_BRANCH = 'main';

/**
 * The tiles of a wall: each configured project on its refs (default branch when none) and every
 * project of the configured groups on its default branch, in the configured order. Project and
 * group lookups are cached for an hour: they cost a few requests an hour, not per refresh.
 */
const HOUR = 60 * 60 * 1000;
/** Lookups: again every hour (a new default branch, a new project in a group); after a failure, every `retryMs`. */
function lookupInterval(retryMs: number) {
  return (query: { state: { error: unknown } }) => (query.state.error ? retryMs : HOUR);
}

/** A lookup failure that is about one project (gone, no access), not about the connection. */
function aboutTheProject(error: unknown): boolean {
  return error instanceof GitLabError && ['not-found', 'forbidden', 'bad-request'].includes(error.kind);
}

export function useWallTargets(conn: Connection, source: WallSource, retryMs: number): WallTargets {
  const common = { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, refetchIntervalInBackground: true, refetchInterval: lookupInterval(retryMs) } as const;
  const projects = useQueries({
    queries: source.projects.map((spec) => ({ ...projectQueryOptions(conn, spec.project), staleTime: HOUR, ...common })),
  });
  const groups = useQueries({
    queries: source.groups.map((g) => ({ ...groupProjectsQueryOptions(conn, g), ...common })),
  });

  const projectData = projects.map((q) => q.data);
  const projectErrors = projects.map((q) => q.error);
  const groupData = groups.map((q) => q.data);
  const groupErrors = groups.map((q) => q.error);
  const loading = projects.some((q) => q.isPending) || groups.some((q) => q.isPending);

  // Cheap (a few dozen targets); the tiles and the schedule key on the targets' keys, not on this array.
  {
    const targets: TileTarget[] = [];
    const waiting: WaitingTarget[] = [];
    const problems: WallProblem[] = [];
    const seen = new Set<string>();
    const add = (p: KnownProject | null, ref: string, fallbackPath: string) => {
      const project = p?.id ?? fallbackPath;
      const key = tileKey(p?.path ?? fallbackPath, ref);
      if (seen.has(key)) return;
      seen.add(key);
      targets.push({ key, project, path: p?.path ?? fallbackPath, name: p?.name ?? fallbackPath.split('/').pop() ?? fallbackPath, webUrl: p?.webUrl ?? null, ref, order: targets.length });
    };
    source.projects.forEach((spec, i) => {
      const data = projectData[i];
      const error = projectErrors[i];
      if (data) {
        const p = known(data);
        for (const ref of spec.refs ?? [p.defaultBranch ?? FALLBACK_BRANCH]) add(p, ref, spec.project);
      } else if (error) {
        // With refs named, the tiles can still ask for pipelines by path; without, the default branch is unknown.
        if (spec.refs) for (const ref of spec.refs) add(null, ref, spec.project);
        else if (aboutTheProject(error)) problems.push({ what: spec.project, detail: describeError(error).title });
        else waiting.push({ key: `waiting:${spec.project}`, path: spec.project, reason: describeError(error).title.toLowerCase() });
      }
    });
    source.groups.forEach((g, i) => {
      const data = groupData[i];
      const error = groupErrors[i];
      if (data) {
        for (const p of [...data.items].sort((a, b) => (a.path_with_namespace ?? '').localeCompare(b.path_with_namespace ?? ''))) {
          const k = known(p);
          add(k, k.defaultBranch ?? FALLBACK_BRANCH, k.path);
        }
        if (data.truncated) problems.push({ what: `group ${g}`, detail: `only the first ${data.items.length} projects are shown` });
      } else if (error) {
        if (aboutTheProject(error)) problems.push({ what: `group ${g}`, detail: describeError(error).title });
        else waiting.push({ key: `waiting:group:${g}`, path: g, reason: describeError(error).title.toLowerCase() });
      }
    });
    const lookupOf = (q: { dataUpdatedAt: number; error: unknown; errorUpdatedAt: number }) => ({ dataUpdatedAt: q.dataUpdatedAt, error: q.error, errorUpdatedAt: q.errorUpdatedAt });
    const lookups = projects.map(lookupOf).concat(groups.map(lookupOf));
    return { targets, waiting, problems, lookups, loading };
  }
}
