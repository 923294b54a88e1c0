/**
 * The project a screen works in, as one value: how to reach GitLab, which project, and whether
 * this screen may act on its jobs. The project route provides it (`ProjectScopeContext`), and
 * every feature reads it with `useProjectScope()` instead of receiving five props through each
 * level. A screen about another project (a downstream pipeline's jobs) provides its own.
 */
import { createContext, useContext } from 'react';
import type { Connection } from './transport.ts';

export interface ProjectScope {
  connection: Connection;
  projectId: number;
  /** The project's path (`acme/platform/backend`), or its id when GitLab sent no path: for links. */
  projectPath: string;
  /** config.json, Settings or `?readonly=1` forbid acting on jobs: actions are shown but disabled. */
  readOnly: boolean;
  /**
   * Whether the token may act (its scopes). 'unknown' while checking, when GitLab cannot say
   * (before 15.5, other token kinds) or the check failed: then actions are tried and GitLab's
   * own 403 is shown.
   */
  canWrite: boolean | 'unknown';
}

export const ProjectScopeContext = createContext<ProjectScope | null>(null);

/** The scope of the screen; throws when rendered outside a project (a bug, not a state). */
export function useProjectScope(): ProjectScope {
  const scope = useContext(ProjectScopeContext);
  if (!scope) throw new Error('useProjectScope needs a <ProjectScopeContext> above it');
  return scope;
}
