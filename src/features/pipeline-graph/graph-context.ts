import { createContext, useContext, type ReactNode } from 'react';
import type { Bridge, Job } from '../../gitlab/index.ts';
import type { PipelineRef } from './model/index.ts';

/** What every level of the (recursive) graph needs, without threading it through each node. */
export interface GraphContextValue {
  /** Project of the page's own pipeline: its path (for links) and id (to tell cross-project cards). */
  rootProjectPath: string;
  rootProjectId: number;
  includeRetried: boolean;
  /** pipelineKey of every expanded downstream pipeline. */
  expanded: ReadonlySet<string>;
  onToggleExpand: (ref: PipelineRef) => void;
  renderJobActions?: ((job: Job | Bridge) => ReactNode) | undefined;
  /** The href of an app path (with the router's basename); clicks on `a[data-route]` navigate in-app. */
  href: (path: string) => string;
}

export const GraphContext = createContext<GraphContextValue | null>(null);

export function useGraphContext(): GraphContextValue {
  const value = useContext(GraphContext);
  if (!value) throw new Error('the pipeline graph needs its GraphContext');
  return value;
}

/** The dashboard's name for a project in links: its path when known, else its id. */
export function projectLinkRef(ctx: Pick<GraphContextValue, 'rootProjectPath' | 'rootProjectId'>, project: number | string | null, path: string | null): string | number {
  if (path !== null) return path;
  if (project === ctx.rootProjectId) return ctx.rootProjectPath;
  return project ?? ctx.rootProjectPath;
}
